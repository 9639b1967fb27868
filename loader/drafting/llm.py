"""The optional model backend: a chat model drafts, the vetting decides what stays.

Any OpenAI-compatible chat-completions server will do (llama.cpp's llama-server, Ollama,
vLLM). The model is asked for one JSON object of actors, places and interactions; its
answer is made into a draft and then passes `vet` like any other draft, so a quote the
model made up, an actor the text does not name or a date it guessed never reaches the
reviewer as a fact.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from string import Template
from typing import Any

import httpx
from pydantic import BaseModel

from loader.dataset import Actor, DateRange, Interaction, Participant, Place
from loader.drafting import DraftError
from loader.drafting.vetting import vet
from loader.vocabulary import INTERACTION_TYPES, ROLES


class LLMUnavailable(DraftError):
    """The model server could not be reached, or did not answer in time."""


class LLMAnswerMalformed(DraftError):
    """The model answered, but not with the JSON object it was asked for."""


ANSWER_SHAPE = "one JSON object {actors: [...], places: [...], interactions: [...]}"
# The records the model may propose, with the fields of our format it may fill.
RECORD_MODELS: dict[str, type[BaseModel]] = {
    "actors": Actor,
    "places": Place,
    "interactions": Interaction,
}

SYSTEM_PROMPT = Template("""\
You draft records for a database of political actors and their interactions. Every \
record is backed by a verbatim quote from the text the user gives you. A person reviews \
your draft; leaving a fact out is better than stating one the text does not give.

Answer with one JSON object and nothing else, shaped like this:
{"actors": [{"id": "firstname-lastname", "kind": "person", "name": "Full Name",
             "aliases": ["Surname"], "evidence": [{"quote": "words copied from the text"}]}],
 "places": [{"id": "city-name", "name": "City Name", "kind": "city", "state": "state-id",
             "evidence": [{"quote": "words copied from the text"}]}],
 "interactions": [{"id": "call-2022-01-31-surname-surname", "type": "call",
                   "status": "held",
                   "date": {"precision": "day", "earliest": "2022-01-31",
                            "latest": "2022-01-31", "notes": "how the date was read"},
                   "place": null, "medium": "phone",
                   "participants": [{"actor": "firstname-lastname", "role": "caller"}],
                   "notes": "how the text was read",
                   "evidence": [{"quote": "words copied from the text"}]}]}

Rules:
- Every quote is copied from the text character for character: the same quote marks, \
dashes, case and spelling. Quote the shortest clause that proves the fact, within one \
sentence, and the clause that holds the date phrase where there is one. Never paraphrase. \
A fact you cannot quote is left out.
- Ids are lowercase slugs (a-z, 0-9, single hyphens): persons firstname-lastname, states \
their short English name (russia, united-kingdom), interactions \
<type>-<YYYY-MM-DD>-<who> with _ written as -.
- Actor kind: person, state or organization (alliances, ministries, offices, \
delegations, media). Name and aliases are spelled as the text spells them. List an \
actor only when the text names it.
- Place kind: city, region, venue or site; state is the id of a state actor.
- Known actors are already in the database: refer to them by these ids and do not list \
them under actors.
$known
- A date is {"precision", "earliest", "latest", "notes"}. precision is day (earliest \
equals latest), month (its first and last day), year (1 January to 31 December), \
between (bounds from explicit time words; one may be null) or unknown (both null). \
Bounds come only from explicit time words in the text. Resolve relative dates ("on \
Wednesday", "last week") against the dateline the user gives and say how in notes. A \
date the text does not give stays {"precision": "unknown", "earliest": null, \
"latest": null}: never guess one.
- status: held, planned, proposed or ruled_out. medium: phone, in_person, video, \
written or unknown.
- A held interaction needs at least one participant whose role took part.

Interaction types (type: meaning):
$types

Participant roles (role, whether the actor took part: meaning):
$roles
""")


def system_prompt(known_actors: list[dict[str, Any]]) -> str:
    """The instructions: our record format, its vocabulary, and the ids to reuse."""
    known = "\n".join(
        f"  {a['id']}: {a.get('name') or a['id']}"
        + (f" (also {', '.join(a['aliases'])})" if a.get("aliases") else "")
        for a in known_actors
    )
    return SYSTEM_PROMPT.substitute(
        known=known or "  (none)",
        types="\n".join(f"- {t.name}: {t.description}" for t in INTERACTION_TYPES),
        roles="\n".join(
            f"- {r.name} ({'took part' if r.took_part else 'did not take part'}): {r.description}"
            for r in ROLES
        ),
    )


def chat_endpoint(url: str) -> str:
    """The chat-completions address of a server given as its root or as its /v1 root."""
    root = url.rstrip("/")
    root = root.removesuffix("/chat/completions").removesuffix("/v1")
    return f"{root}/v1/chat/completions"


def draft_with_llm(
    text: str,
    *,
    source: dict[str, Any],
    url: str,
    model: str,
    timeout: float,
    known_actors: list[dict[str, Any]],
) -> tuple[dict[str, Any], list[str]]:
    """A vetted draft of the text from the model at `url`, and one line per change."""
    try:
        dateline = _as_date(source.get("date"))
    except ValueError:
        dateline = None
    if dateline is None:
        raise DraftError(f"the source's date {source.get('date')!r} is not a YYYY-MM-DD date")
    request = {
        "model": model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [
            {"role": "system", "content": system_prompt(known_actors)},
            {"role": "user", "content": f"Dateline: {dateline.isoformat()}\n\nText:\n{text}"},
        ],
    }
    answer = parse_answer(ask(chat_endpoint(url), request, timeout))
    draft, lines = draft_from_answer(answer, source)
    kept, vetting_lines = vet(draft, text, dateline=dateline, known_actors=known_actors)
    return kept, lines + vetting_lines


def ask(endpoint: str, request: dict[str, Any], timeout: float) -> str:
    """The content of the model's first choice."""
    try:
        with httpx.Client(timeout=timeout) as client:
            response = client.post(endpoint, json=request)
    except httpx.TimeoutException as exc:
        raise LLMUnavailable(
            f"the model server at {endpoint} did not answer within the timeout of "
            f"{timeout:g} s; give it longer with --timeout (a large model on a CPU may "
            "need minutes)"
        ) from exc
    except httpx.HTTPError as exc:
        raise LLMUnavailable(
            f"cannot reach the model server at {endpoint} ({exc}); start it (llama-server, "
            "ollama serve, vllm serve) or give its address with --llm"
        ) from exc
    if response.is_error:
        raise LLMUnavailable(
            f"the model server at {endpoint} answered HTTP {response.status_code}: "
            f"{response.text[:200]!r}; check the model name ({request['model']!r}, --model) "
            "and the address (--llm)"
        )
    try:
        choice = response.json()["choices"][0]
        content = choice["message"]["content"]
    except (ValueError, LookupError, TypeError) as exc:
        raise LLMAnswerMalformed(
            f"the server at {endpoint} did not answer as a chat-completions endpoint "
            f"(expected JSON with choices[0].message.content): {response.text[:200]!r}"
        ) from exc
    if not isinstance(content, str):
        raise LLMAnswerMalformed(f"expected text in choices[0].message.content, got {content!r}")
    if choice.get("finish_reason") == "length":
        raise LLMAnswerMalformed(
            f"the model's answer was cut off at its token limit, so it is not the complete "
            f"{ANSWER_SHAPE} expected; raise the server's context size (llama-server -c, "
            "Ollama's num_ctx) or draft a shorter text"
        )
    return content


# Some models wrap the object in a Markdown fence, with a sentence around it.
_FENCE = re.compile(r"```(?:json)?\s*(.*?)\s*```", re.DOTALL)


def parse_answer(content: str) -> dict[str, list[Any]]:
    """The model's records by list, from its answer (a ```json fence is tolerated)."""
    fenced = _FENCE.search(content)
    body = fenced.group(1) if fenced else content
    try:
        answer = json.loads(body)
    except ValueError as exc:
        raise LLMAnswerMalformed(
            f"the model's answer is not JSON ({exc}); expected {ANSWER_SHAPE}, got "
            f"{content[:200]!r}"
        ) from exc
    if not isinstance(answer, dict):
        raise LLMAnswerMalformed(f"expected {ANSWER_SHAPE}, got {type(answer).__name__}")
    wrong = [k for k in RECORD_MODELS if not isinstance(answer.get(k, []), list)]
    if wrong:
        raise LLMAnswerMalformed(f"expected {ANSWER_SHAPE}; {', '.join(wrong)} not a list")
    return {key: answer.get(key, []) for key in RECORD_MODELS}


def draft_from_answer(
    answer: dict[str, list[Any]], source: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """The draft the answer proposes, in our format's fields, with a line per thing left
    out because it is not in our format (vetting judges the rest)."""
    lines: list[str] = []
    draft: dict[str, Any] = {"draft": True, "source": source}
    for key, model in RECORD_MODELS.items():
        draft[key] = []
        for index, item in enumerate(answer[key]):
            if not isinstance(item, dict):
                lines.append(f"{key}[{index}]: not an object, left out: {item!r:.80}")
                continue
            record, dropped = _record(item, model)
            label = f"{key.removesuffix('s')} {record.get('id') or f'{key}[{index}]'}"
            lines += [f"{label}: field {f!r} is not in our format, left out" for f in dropped]
            draft[key].append(record)
        if key == "places":
            draft["affiliations"] = []
    return draft, lines


def _record(item: dict[str, Any], model: type[BaseModel]) -> tuple[dict[str, Any], list[str]]:
    """The item's fields of `model` in the model's order, and the fields it does not have."""
    record = {f: item[f] for f in model.model_fields if f in item}
    if "evidence" in record:
        record["evidence"] = _evidence(record["evidence"])
    if model is Interaction:
        record.setdefault("medium", "unknown")
        record["date"] = _date(record.get("date"))
        record["participants"] = [
            {f: p[f] for f in Participant.model_fields if f in p} if isinstance(p, dict) else p
            for p in record.get("participants") or []
        ]
    return record, [f for f in item if f not in model.model_fields]


def _evidence(items: object) -> list[Any]:
    """Evidence as [{quote}], from a list of {quote} or of bare quotes."""
    if not isinstance(items, list):
        items = [items]
    # Only the quote: a `source` the model writes would name no source of ours.
    return [{"quote": ev.get("quote") if isinstance(ev, dict) else ev} for ev in items]


def _date(date: object) -> object:
    """The date with the four fields of our format; the vetting judges their values."""
    if date is None:
        return {"precision": "unknown", "earliest": None, "latest": None, "notes": None}
    if not isinstance(date, dict):
        return date
    return {f: date.get(f) for f in DateRange.model_fields}


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if isinstance(value, str) else None
