"""The model backend against a replay server of the tests' own, and the vetting every
drafted record passes. No model and no database: the server answers with a recorded
chat-completions answer (tests/fixtures/draft_llm/answer.json) for a short text of our own
(text.txt) in which the model made up a quote, named an actor the text does not name and
guessed a date."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from loader.dataset import SourceFile
from loader.drafting import DraftError
from loader.drafting.llm import (
    LLMAnswerMalformed,
    LLMUnavailable,
    chat_endpoint,
    draft_with_llm,
    parse_answer,
)
from loader.source_text import SourceText

FIXTURES = Path(__file__).parent / "fixtures" / "draft_llm"
TEXT = (FIXTURES / "text.txt").read_text(encoding="utf-8")
ANSWER = (FIXTURES / "answer.json").read_bytes()
DATELINE = dt.date(2022, 7, 15)
SOURCE = {
    "id": "example-wire-2022-07-15",
    "author": None,
    "date": DATELINE,
    "publisher": "Example Wire",
    "text_file": "example-wire-2022-07-15.txt",
}
KNOWN = [
    {
        "id": "volodymyr-zelenskyy",
        "kind": "person",
        "name": "Volodymyr Zelenskyy",
        "aliases": ["Zelenskyy"],
    },
    {"id": "ukraine", "kind": "state", "name": "Ukraine", "aliases": ["Kiev"]},
]


@dataclass
class Replay:
    """What the replay server answers, after how long, and what it was asked."""

    body: bytes = ANSWER
    status: int = 200
    delay: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    # Set when the test ends, so that a sleeping handler ends with it.
    done: threading.Event = field(default_factory=threading.Event)


@contextmanager
def replay_server(replay: Replay) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            replay.requests.append({"path": self.path, "json": json.loads(self.rfile.read(length))})
            replay.done.wait(replay.delay)
            try:
                self.send_response(replay.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(replay.body)))
                self.end_headers()
                self.wfile.write(replay.body)
            except OSError:
                pass  # the client gave up waiting, as the timeout test means it to

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        replay.done.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def ask_replay(replay: Replay, *, suffix: str = "", timeout: float = 5.0) -> tuple[dict, list]:
    with replay_server(replay) as url:
        return draft_with_llm(
            TEXT,
            source=SOURCE,
            url=url + suffix,
            model="qwen2.5-7b-instruct",
            timeout=timeout,
            known_actors=KNOWN,
        )


def chat_answer(content: str) -> bytes:
    return json.dumps(
        {"choices": [{"message": {"role": "assistant", "content": content}}]}
    ).encode()


def ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in records]


@pytest.fixture(scope="module")
def replayed() -> tuple[dict[str, Any], list[str], Replay]:
    replay = Replay()
    draft, lines = ask_replay(replay)
    return draft, lines, replay


def test_the_record_with_a_made_up_quote_is_dropped_and_reported(replayed: Any) -> None:
    draft, lines, _ = replayed
    assert "meeting-2022-07-20-erdogan-putin-planned" not in ids(draft["interactions"])
    assert any(
        line.startswith("interaction meeting-2022-07-20-erdogan-putin-planned: quote not in")
        and "Tehran" in line
        for line in lines
    )


def test_an_actor_the_text_does_not_name_is_dropped_with_its_participations(
    replayed: Any,
) -> None:
    draft, lines, _ = replayed
    assert "vladimir-putin" not in ids(draft["actors"])
    assert (
        "actor vladimir-putin: neither known, nor named in the text, nor quoted, dropped" in lines
    )
    actors_taking_part = [p["actor"] for i in draft["interactions"] for p in i["participants"]]
    assert "vladimir-putin" not in actors_taking_part


def test_actors_named_in_the_text_or_known_stay(replayed: Any) -> None:
    draft, _, _ = replayed
    # "Erdogan" is folded to match "Erdoğan"; Turkey is named by its alias "Turkish".
    assert ids(draft["actors"]) == ["recep-tayyip-erdogan", "turkey", "russia", "united-nations"]
    call = draft["interactions"][0]
    assert [p["actor"] for p in call["participants"]] == [
        "recep-tayyip-erdogan",
        "volodymyr-zelenskyy",  # known, so not defined in the draft
    ]


def test_a_date_the_sentence_gives_is_kept(replayed: Any) -> None:
    draft, _, _ = replayed
    call = draft["interactions"][0]
    assert call["date"]["precision"] == "day"
    assert call["date"]["earliest"] == call["date"]["latest"] == "2022-07-13"


def test_a_date_the_sentence_does_not_give_becomes_unknown(replayed: Any) -> None:
    draft, lines, _ = replayed
    talks = next(i for i in draft["interactions"] if i["type"] == "negotiation")
    assert talks["date"]["precision"] == "unknown"
    assert talks["date"]["earliest"] is None and talks["date"]["latest"] is None
    assert "2022-07-13" in talks["date"]["notes"]
    assert any(line.startswith(f"interaction {talks['id']}: date day 2022-07-13") for line in lines)


def test_every_kept_quote_is_in_the_text(replayed: Any) -> None:
    draft, _, _ = replayed
    text = SourceText(TEXT)
    quotes = [
        ev["quote"]
        for key in ("actors", "places", "interactions")
        for record in draft[key]
        for ev in record.get("evidence", [])
    ]
    assert quotes and all(q in text for q in quotes)


def test_the_kept_draft_is_a_valid_data_file(replayed: Any) -> None:
    draft, lines, _ = replayed
    assert draft["draft"] is True
    SourceFile.model_validate(draft)
    assert "actor vladimir-putin: field 'confidence' is not in our format, left out" in lines


def test_the_request_asks_for_json_at_temperature_0_with_our_vocabulary(replayed: Any) -> None:
    _, _, replay = replayed
    [request] = replay.requests
    assert request["path"] == "/v1/chat/completions"
    body = request["json"]
    assert body["model"] == "qwen2.5-7b-instruct"
    assert body["temperature"] == 0
    assert body["response_format"] == {"type": "json_object"}
    system, user = body["messages"]
    assert "volodymyr-zelenskyy" in system["content"]
    assert "- negotiation:" in system["content"] and "- mediator (took part)" in system["content"]
    assert "verbatim" in system["content"] and "never guess" in system["content"]
    assert "Dateline: 2022-07-15" in user["content"] and "Black Sea" in user["content"]


@pytest.mark.parametrize("suffix", ["/", "/v1", "/v1/"])
def test_the_url_may_be_given_with_or_without_v1(suffix: str) -> None:
    replay = Replay()
    ask_replay(replay, suffix=suffix)
    assert replay.requests[0]["path"] == "/v1/chat/completions"
    assert chat_endpoint("http://h:8080/v1/chat/completions") == "http://h:8080/v1/chat/completions"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_an_unreachable_server_is_unavailable_and_named() -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    with pytest.raises(LLMUnavailable, match=url.replace(".", r"\.")) as caught:
        draft_with_llm(TEXT, source=SOURCE, url=url, model="m", timeout=2, known_actors=[])
    assert "--llm" in str(caught.value)
    assert isinstance(caught.value, DraftError)


def test_a_server_slower_than_the_timeout_is_unavailable_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(LLMUnavailable, match=r"within the timeout of 0\.5 s.*--timeout"):
        ask_replay(Replay(delay=30), timeout=0.5)
    assert time.monotonic() - started < 5


def test_an_http_error_names_the_model_and_the_url() -> None:
    with pytest.raises(LLMUnavailable, match=r"HTTP 404.*'qwen2\.5-7b-instruct'.*--model"):
        ask_replay(Replay(body=b'{"error": "model not found"}', status=404))


@pytest.mark.parametrize(
    "body",
    [
        chat_answer('Here are the records: {actors: [{"id": "x"}'),
        chat_answer('["not", "an", "object"]'),
        chat_answer('{"actors": {"id": "x"}}'),
        b"<html>not an API</html>",
        b'{"choices": []}',
    ],
)
def test_an_answer_not_in_the_asked_shape_is_malformed(body: bytes) -> None:
    with pytest.raises(LLMAnswerMalformed, match="expected"):
        ask_replay(Replay(body=body))


def test_an_answer_cut_off_at_the_token_limit_says_so() -> None:
    body = json.dumps(
        {"choices": [{"message": {"content": '{"actors": ['}, "finish_reason": "length"}]}
    ).encode()
    with pytest.raises(LLMAnswerMalformed, match="cut off at its token limit"):
        ask_replay(Replay(body=body))


def test_an_answer_in_a_json_fence_is_read() -> None:
    content = 'Here you are:\n```json\n{"actors": [], "interactions": []}\n```\n'
    assert parse_answer(content) == {"actors": [], "places": [], "interactions": []}
