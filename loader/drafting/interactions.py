"""Interactions from sentences with a cue: type, participants and roles, place, date.

A cue (loader.drafting.cues) marks the clause; the actors named in it, or in the clause
before when the cue's clause has no subject, take part, with the roles that
loader.drafting.roles reads from the words around them. The date is one the sentence
gives for the cue's clause (see `_date`), or unknown: never one guessed from elsewhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from loader.drafting import cues
from loader.drafting.actors import ActorBook, Mention
from loader.drafting.dates import UNKNOWN, ResolvedDate, find_dates
from loader.drafting.drafted import NEEDS_TWO, NOT_TAKING_PART, Context, Drafted
from loader.drafting.roles import relative_subject, roles_in
from loader.drafting.text import Sentence, clause_bounds

# A quotation, or one opened and not closed within the sentence.
QUOTED = re.compile(r"\"[^\"]*(?:\"|$)|“[^”]*(?:”|$)")


def in_sentence(sentence: Sentence, context: Context) -> list[Drafted]:
    text = sentence.text
    quoted = [m.span() for m in QUOTED.finditer(text)]
    mentions = [
        m for m in context.book.mentions(text) if not any(a <= m.start < b for a, b in quoted)
    ]
    found: list[Drafted] = []
    for cue, match in _cues(text, quoted):
        drafted = _interaction(text, cue, match, mentions, context)
        for one in _separate(text, match, drafted) if drafted else []:
            if not any(_same(one, other) for other in found):
                found.append(one)
    persons = [m.actor for m in mentions if context.book.actors[m.actor].kind == "person"]
    if persons:
        context.previous_persons = persons
    return found


def _cues(text: str, quoted: list[tuple[int, int]]) -> list[tuple[cues.Cue, re.Match[str]]]:
    """The first cue of each clause, by the priority of cues.CUES."""
    refused = [m.span() for m in cues.NOT_A_CONTACT.finditer(text)]
    best: dict[tuple[int, int], tuple[int, cues.Cue, re.Match[str]]] = {}
    for rank, cue in enumerate(cues.CUES):
        for match in cue.pattern.finditer(text):
            if any(a <= match.start() < b for a, b in quoted + refused):
                continue
            clause = clause_bounds(text, match.start(), match.end())
            if clause not in best or best[clause][0] > rank:
                best[clause] = (rank, cue, match)
    return [(cue, match) for _, cue, match in sorted(best.values(), key=lambda x: x[2].start())]


def _window(text: str, match: re.Match[str], mentions: list[Mention]) -> tuple[int, int]:
    """The cue's clause, widened right over a list of names and to an object, then left
    until it holds a subject (a relative clause's subject is the name before "who")."""
    left, right = clause_bounds(text, match.start(), match.end())
    if not any(match.end() <= m.start < right for m in mentions) and right < len(text):
        right = clause_bounds(text, right + 2, min(right + 3, len(text)))[1]
    # A list of names ("between Macron, Scholz and Putin") is one clause, not three.
    while right < len(text):
        skip = right + LIST_GLUE.match(text, right).end() - right  # type: ignore[union-attr]
        after = next((m for m in mentions if m.start == skip and not m.adjective), None)
        if after is None:
            break
        right = max(after.end, clause_bounds(text, after.start, after.end)[1])
    named = [m for m in mentions if left <= m.start < right and not m.adjective]
    if len(named) >= 2 and any(m.start < match.start() for m in named):
        return left, right
    if len(named) >= 2 and cues.BETWEEN.match(text[match.end() :]):
        return left, right  # "a three-way phone call between Macron, Scholz and Putin"
    while left > 0 and not any(left <= m.start < match.start() for m in mentions):
        left = clause_bounds(text, max(left - 3, 0), max(left - 2, 0))[0]
    return left, right


LIST_GLUE = re.compile(r"[,;]?\s*(?:and\s+)?")


def _interaction(
    text: str, cue: cues.Cue, match: re.Match[str], mentions: list[Mention], context: Context
) -> Drafted | None:
    left, right = _window(text, match, mentions)
    subject = relative_subject(text, match, mentions)
    if subject is not None:
        # Only the subject and what follows the cue: names between them belong to the
        # relative clauses in between.
        left = min(left, clause_bounds(text, subject.start, subject.end)[0])
    inside = [m for m in mentions if left <= m.start < right]
    if subject is not None:
        inside = [m for m in inside if m is subject or m.start >= match.start()]
    kind = _kind(cue.type, text[left:right], text[match.start() :], inside, context.book)
    roles = roles_in(text, kind, match, inside, context, left)
    # What is said of the contact comes before it in its clause: "would meet", "urged ...
    # to begin talks"; an "urged" after it ("called him and urged him") is another act.
    clause_left = clause_bounds(text, match.start(), match.end())[0]
    said = text[clause_left : match.end()]
    status = _status(said, UNKNOWN, context)
    date = _date(text, match, context, own_clause_only=status != "held")
    if date.precision == "unknown" and _points_back(text, match):
        return None
    if kind == "negotiation":
        roles = _parties(roles, date, context)
    took_part = [actor for actor, role in roles if role not in NOT_TAKING_PART]
    if not took_part or (kind in NEEDS_TWO and len(set(took_part)) < 2):
        return None
    spans = [match.span(), *((m.start, m.end) for m in inside)]
    q_left = clause_bounds(text, min(s for s, _ in spans), min(s for s, _ in spans))[0]
    q_right = clause_bounds(text, max(e for _, e in spans), max(e for _, e in spans))[1]
    quote = text[q_left:q_right].strip(" ,;:–—-")
    status = _status(said, date, context)
    if (
        status == "planned"
        and date.phrase
        and WEEKDAY.search(date.phrase)
        and "last" not in date.phrase.lower()
    ):
        date = _coming(date, context)
    medium = _medium(text[left:right], cue)
    notes = [f'cue "{match.group()}"', date.notes]
    return Drafted(kind, status, medium, date, roles, quote, match.group(), notes=notes)


def _kind(kind: str, window: str, after: str, inside: list[Mention], book: ActorBook) -> str:
    """The cue's type, corrected by the words around it (`after`: the text from the cue)."""
    delegates = cues.DELEGATES.search(window)
    if kind in ("meeting", "consultation") and delegates:
        return "negotiation"  # "the Russian and Ukrainian representatives met again"
    if kind == "negotiation" and not delegates and cues.TALKS_WITH.match(after):
        return "meeting"  # "Lavrov had held talks with Wang": two people, not delegations
    if kind == "consultation" and cues.PHONE.search(window):
        return "call"  # "spoke with Putin again and, in a call that lasted..."
    return kind


def _separate(text: str, match: re.Match[str], drafted: Drafted) -> list[Drafted]:
    """One contact with each of those named after "separate calls ... with A and with B"."""
    taking_part = [(a, r) for a, r in drafted.participants if r not in NOT_TAKING_PART]
    if drafted.type not in NEEDS_TWO or len(taking_part) < 3:
        return [drafted]
    if not cues.SEPARATE.search(text[max(match.start() - 20, 0) :]):
        return [drafted]
    subject, others = taking_part[0], taking_part[1:]
    aside = [p for p in drafted.participants if p[1] in NOT_TAKING_PART]
    return [
        dataclasses.replace(drafted, participants=[subject, other, *aside], notes=[
            *drafted.notes, "one of separate contacts named in the same clause"
        ])
        for other in others
    ]  # fmt: skip


def _points_back(text: str, match: re.Match[str]) -> bool:
    return bool(
        cues.NOUN_CUE.match(match.group()) and cues.DEFINITE_BEFORE.search(text[: match.start()])
    )


def _parties(
    roles: list[tuple[str, str]], date: ResolvedDate, context: Context
) -> list[tuple[str, str]]:
    """A dated round of "the talks" with no side named is held by the sides of the last
    round; an undated mention of talks with no sides is commentary, not a round."""
    sides = [r for r in roles if r[1] == "participant"]
    if len(sides) >= 2:
        context.previous_parties = sides
        return roles
    if date.precision != "unknown" and context.previous_parties:
        return list(dict.fromkeys(roles + context.previous_parties))
    return roles


def _date(
    text: str, match: re.Match[str], context: Context, own_clause_only: bool = False
) -> ResolvedDate:
    """The most precise date of the cue's own clause before the cue, or of the sentence's
    opening ("On Saturday evening, ... Zelenskyy gave an address": Saturday; "Four weeks
    ago, on Feb. 21, Putin signed": Feb. 21); else a date after the cue in its clause;
    else none. A date inside another phrase ("the discussions that began on Feb. 28 were
    the result of Bennett's efforts, who met with Putin") dates that phrase, not the cue.
    A contact planned or proposed takes its date from its own clause only: "On Saturday,
    he urged Russia to begin peace talks" dates the urging, not the talks."""
    dates = find_dates(text, context.dateline, previous=context.previous_date)  # type: ignore[arg-type]
    dated = [d for d in dates if d.start is not None and d.end is not None]
    left, right = clause_bounds(text, match.start(), match.end())
    opening = [] if own_clause_only else _opening(text, dated) + _aside_before(text, dated, left)
    before = [d for d in dated if left <= d.start < match.start() or d in opening]  # type: ignore[operator]
    after = [d for d in dated if match.start() <= d.start < right]  # type: ignore[operator]
    after += _aside_after(text, dated, right)
    if before:
        chosen = max(before, key=lambda d: (PRECISE.index(d.precision), d.start))
    else:
        chosen = (after or [UNKNOWN])[0]
    if chosen.precision == "day":
        context.previous_date = chosen
    return chosen


def _opening(text: str, dated: list[ResolvedDate]) -> list[ResolvedDate]:
    """The dates that open the sentence, before anything but commas and linking words."""
    opening: list[ResolvedDate] = []
    at = 0
    for date in dated:
        if not cues.LINKING_ONLY.match(text[at : date.start]):
            break
        opening.append(date)
        at = date.end  # type: ignore[assignment]
    return opening


def _aside_before(text: str, dated: list[ResolvedDate], left: int) -> list[ResolvedDate]:
    """A date set off by commas just before the cue's clause: "and then, the next day, in
    another three-way phone call"."""
    return [d for d, (_, end) in _alone(text, dated) if 0 <= left - end <= 2]


def _aside_after(text: str, dated: list[ResolvedDate], right: int) -> list[ResolvedDate]:
    """A date set off by a comma after the cue's clause, a name between at most: "met in
    Antalya, Turkey, on March 10"."""
    return [
        d for d, (start, _) in _alone(text, dated)
        if start >= right and cues.ONLY_A_NAME.match(text[right:start])
    ]  # fmt: skip


def _alone(text: str, dated: list[ResolvedDate]) -> list[tuple[ResolvedDate, tuple[int, int]]]:
    """The dates that make a clause of their own ("on", "and then" at most), with it."""
    found = []
    for date in dated:
        first, last = date.start or 0, date.end or 0
        start, end = clause_bounds(text, first, last)
        before, after = text[start:first], text[last:end].rstrip(".")
        if cues.LINKING_ONLY.match(before) and cues.LINKING_ONLY.match(after):
            found.append((date, (start, end)))
    return found


WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")


def _coming(date: ResolvedDate, context: Context) -> ResolvedDate:
    """A planned contact "on Monday" is the coming Monday, not the last one."""
    assert date.earliest is not None
    day: dt.date = date.earliest + dt.timedelta(days=7)
    while day <= context.dateline:  # type: ignore[operator]
        day += dt.timedelta(days=7)
    how = f'"{date.phrase}" of a planned contact: the coming one after the dateline, {day}'
    return dataclasses.replace(date, earliest=day, latest=day, notes=how)


PRECISE = ("unknown", "year", "month", "between", "day")


def _status(window: str, date: ResolvedDate, context: Context) -> str:
    if cues.RULED_OUT.search(window):
        return "ruled_out"
    if cues.PLANNED.search(window):
        return "planned"
    if cues.PROPOSED.search(window):
        return "proposed"
    if date.earliest and date.earliest > context.dateline:  # type: ignore[operator]
        return "planned"  # a held contact cannot start after its source's date
    return "held"


def _medium(window: str, cue: cues.Cue) -> str | None:
    if cues.VIDEO.search(window):
        return "video"
    if cue.type in ("consultation", "meeting", "visit") and cues.PHONE.search(window):
        return "phone"
    return cue.medium


def _same(a: Drafted, b: Drafted) -> bool:
    """Whether two contacts drafted from one sentence are one: then `a` takes b's roles."""
    took = {x for x, r in a.participants if r not in NOT_TAKING_PART}
    other = {x for x, r in b.participants if r not in NOT_TAKING_PART}
    same_sides = took == other or (a.type == "negotiation" and bool(took & other))
    if a.type == b.type and a.date == b.date and same_sides:
        b.participants = list(dict.fromkeys(b.participants + a.participants))
        return True
    return False
