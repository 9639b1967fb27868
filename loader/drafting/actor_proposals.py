"""The passes over a text that propose actors to an ActorBook (see loader.drafting.actors)."""

from __future__ import annotations

import re

from loader.drafting import countries
from loader.drafting.actors import (
    ACRONYM,
    APPOSITIVE,
    COUNTERPART,
    DELEGATION_WORDS,
    MINISTRIES_OF,
    MINISTRY,
    NAME_WORD,
    NOT_ACRONYMS,
    OFFICE,
    OFFICE_OF,
    ORG_NAME,
    SEATS,
    SMALL_WORDS,
    STATE_MEDIA,
    TITLED,
    TITLES,
    ActorBook,
    DraftActor,
    fold,
)
from loader.drafting.countries import slug
from loader.drafting.text import Sentence


def propose_actors(book: ActorBook, sentences: list[Sentence]) -> None:
    """Every pass, in an order where each may use what the one before found."""
    texts = [s.text for s in sentences]
    for text in texts:
        _states(book, text)
    for text in texts:
        _titled_persons(book, text)
        _appositive_persons(book, text)
    whole = " ".join(texts)
    _surname_aliases(book, whole)
    for text in texts:
        _organizations(book, text, whole)
        _delegations(book, text)


def _states(book: ActorBook, text: str) -> None:
    spellings = countries.by_spelling()
    for match in re.finditer(r"(?<![\w.])[A-Z][\w.]*(?:[ -][A-Z][\w.]*)*", text):
        words = match.group().split(" ")
        for size in range(len(words), 0, -1):  # the longest spelling inside the capitals
            for first in range(len(words) - size + 1):
                phrase = " ".join(words[first : first + size])
                if phrase not in spellings and phrase.endswith("."):
                    phrase = phrase[:-1]  # a full stop that ends the sentence
                if phrase in spellings:
                    actor = book.state(spellings[phrase], phrase)
                    if phrase != actor.name and phrase not in actor.aliases:
                        actor.aliases.append(phrase)
                elif phrase in countries.by_demonym():
                    state = countries.by_demonym()[phrase]
                    book.adjectives[phrase] = book.state(state, phrase).id


def _modifier_state(book: ActorBook, modifier: str | None) -> str | None:
    if not modifier:
        return None
    modifier = re.sub(r"[’']s$", "", modifier)
    if modifier in book.adjectives:
        return book.adjectives[modifier]
    state = countries.by_spelling().get(modifier)
    return state.id if state else book.resolve(modifier)


def _titled_persons(book: ActorBook, text: str) -> None:
    # Matched on the text without diacritics (same length), so that "Çavuşoğlu" starts
    # with a capital letter as the pattern knows them; the name is kept as written.
    for match in TITLED.finditer(fold(text)):
        name = re.sub(r"[’']s$", "", text[match.start("name") : match.end("name")])
        if book.resolve(name) and book.actors[book.resolve(name) or ""].kind != "person":
            continue
        if " " not in name and not book.resolve(name):
            continue  # "President Macron" names a person only once the full name is known
        evidence = text[match.start() : match.end()]
        person = book.propose(DraftActor(slug(name), "person", name, evidence=evidence), [name])
        modifier = match.group("mod") and text[match.start("mod") : match.end("mod")]
        where = _modifier_state(book, modifier)
        ident = f"{person.id}-{slug(match.group('title'))}-of-{where}"
        if where and where != person.id and all(a["id"] != ident for a in book.affiliations):
            title = match.group("title")
            book.affiliations.append({
                "id": ident,
                "person": person.id, "organization": where,
                "role": title[0].upper() + title[1:],
                "evidence": [{"quote": evidence}],
            })  # fmt: skip


def _appositive_persons(book: ActorBook, text: str) -> None:
    for match in [*APPOSITIVE.finditer(text), *COUNTERPART.finditer(text)]:
        name = match.group("name")
        if not book.resolve(name) and not any(w in countries.by_spelling() for w in name.split()):
            book.propose(DraftActor(slug(name), "person", name, evidence=match.group()), [name])


def _organizations(book: ActorBook, text: str, whole: str) -> None:
    for match in ORG_NAME.finditer(text):
        name = re.sub(r"^(?:The|A|An)\s+", "", match.group("name"))
        if not book.resolve(name):
            book.propose(DraftActor(slug(name), "organization", name, evidence=name), [name])
    for match in ACRONYM.finditer(text):
        in_capitals = re.search(r"[A-Z]{2,}[ ,]+$", text[: match.start()]) or re.match(
            r"[ ,]+[A-Z]{2,}\b", text[match.end() :]
        )
        if not in_capitals:  # "NUSA DUA, Indonesia": a dateline in capitals, no acronym
            _acronym(book, match.group(), whole)
    for match in MINISTRY.finditer(text):
        state = book.adjectives.get(match.group("adj"))
        name = match.group()
        if state:
            actor = DraftActor(slug(name), "organization", name, evidence=name, part_of=state)
            book.propose(actor, [name])
    _bodies_of_states(book, text)
    for match in OFFICE_OF.finditer(text):
        body = book.resolve(match.group("body"))
        if body:
            name = f"{match.group('office').capitalize()} of the {match.group('body')}"
            actor = DraftActor(slug(name), "organization", name, evidence=match.group())
            book.propose(actor, [name])
    for match in OFFICE.finditer(text):
        owner = book.resolve(match.group("who"))
        if owner and book.actors[owner].kind == "person":
            name = match.group()
            book.propose(DraftActor(slug(name), "organization", name, evidence=name), [name])
    for seat, iso in SEATS.items():
        if re.search(rf"\b{seat}\b", text):
            state = next(s.id for s in countries.states() if s.iso == iso)
            actor = DraftActor(slug(seat), "organization", seat, evidence=seat, part_of=state)
            book.propose(actor, [seat])


def _bodies_of_states(book: ActorBook, text: str) -> None:
    """A ministry of each state named ("the Ministries of Defense of Russia and Ukraine"),
    and a state's media ("Russian television")."""
    for match in MINISTRIES_OF.finditer(text):
        for named in re.split(r",\s*|\s+and\s+", match.group("states")):
            state = book.resolve(named)
            adjective = next((a for a, s in book.adjectives.items() if s == state), None)
            if state and adjective:
                name = f"{adjective} ministry of {match.group('what').lower()}"
                actor = DraftActor(slug(name), "organization", name, evidence=match.group())
                actor.part_of = state
                book.propose(actor, [name])
    for match in STATE_MEDIA.finditer(text):
        state = book.adjectives.get(match.group("adj"))
        if state:
            name = match.group()
            actor = DraftActor(slug(name), "organization", name, evidence=name, part_of=state)
            book.propose(actor, [name])


def _acronym(book: ActorBook, acronym: str, whole: str) -> None:
    if acronym in NOT_ACRONYMS or acronym in countries.by_spelling() or book.resolve(acronym):
        return
    if any(acronym == "".join(w[0] for w in t.split()) for t in TITLES):
        return  # "FM" is a title, not an organization
    for match in re.finditer(r"(?:[A-Z][a-z]+\s+(?:(?:of|for|and|the|on)\s+)*){1,6}", whole):
        words = [w for w in match.group().split() if w not in SMALL_WORDS]
        for first in range(len(words)):
            part = words[first : first + len(acronym)]
            if len(part) == len(acronym) and "".join(w[0] for w in part) == acronym:
                spelled = _spelled_out(match.group(), part)
                book.propose(
                    DraftActor(slug(spelled), "organization", spelled, evidence=spelled),
                    [spelled, acronym],
                ).aliases.append(acronym)
                return
    book.propose(DraftActor(slug(acronym), "organization", acronym, evidence=acronym), [acronym])


def _spelled_out(phrase: str, words: list[str]) -> str:
    """The words of `phrase` from the first to the last of `words`, small words kept."""
    start = phrase.index(words[0])
    end = phrase.index(words[-1], start) + len(words[-1])
    return phrase[start:end]


def _delegations(book: ActorBook, text: str) -> None:
    adjectives = "|".join(re.escape(a) for a in book.adjectives) or r"(?!x)x"
    listed = rf"(?P<adjs>(?:{adjectives})(?:(?:,\s*|\s+and\s+)(?:{adjectives}))*)"
    pattern = rf"\b{listed}\s+{DELEGATION_WORDS}\b"
    for match in re.finditer(pattern, text):
        for adjective in re.findall(adjectives, match.group("adjs")):
            delegation(book, book.adjectives[adjective], evidence=match.group())


def delegation(book: ActorBook, state_id: str, evidence: str) -> DraftActor:
    """The state's delegation, proposed once: the participant of a round of talks."""
    state = book.actors[state_id]
    adjective = next((a for a, s in book.adjectives.items() if s == state_id), state.name)
    name = f"{adjective} delegation"
    forms = [name, f"{adjective} team", f"{adjective} negotiating team"]
    actor = DraftActor(slug(name), "organization", name, evidence=evidence, part_of=state_id)
    return book.propose(actor, forms)


def _surname_aliases(book: ActorBook, whole: str) -> None:
    """A new person's last name, or first where the text uses it alone ("Wang" for Wang
    Yi), as an alias: unless another person's name holds the same word."""
    persons = [a for a in book.new_actors() if a.kind == "person" and " " in a.name]
    words = [w for a in persons for w in a.name.split()]
    for actor in persons:
        parts = actor.name.split()
        for word in (parts[-1], parts[0]):
            alone = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])(?!\s+{NAME_WORD})", whole)
            if alone and words.count(word) == 1 and not book.resolve(word):
                actor.aliases.append(word)
                book.propose(actor, [word])
                break
