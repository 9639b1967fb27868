"""A clone with no source texts beside it: the seed validates, loads and serves all the same.

CI has the texts, users often do not; these tests load through the real CLI with
ACTORGRAPH_SOURCES at an empty folder, so CI guards the user's case too.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from child_env import run_actorgraph
from fastapi.testclient import TestClient
from neo4j import Driver

from actorgraph.settings import Settings
from api.main import create_app

# Every read endpoint, on the actors and dates the seed is about.
READS = (
    "/actors",
    "/actors/vladimir-putin",
    "/actors/vladimir-medinsky",
    "/actors/vladimir-putin/contacts",
    "/actors/dmytro-kuleba/contacts",
    "/interactions?limit=500",
    "/interactions/call-2022-03-10-macron-scholz-putin",
    "/statements",
    "/places",
    "/timeline?actor=emmanuel-macron",
    "/mediators?a=russia&b=ukraine",
    "/path?from=emmanuel-macron&to=volodymyr-zelenskyy",
    "/sources/cameron-2022-03-21",
    "/export?format=json",
)


def cli_load(settings: Settings, sources: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return run_actorgraph(settings, sources, "load", "--wipe", "--yes", *options)


def answers(settings: Settings) -> dict[str, Any]:
    with TestClient(create_app(settings)) as client:
        replies = {url: client.get(url) for url in READS}
    for url, reply in replies.items():
        assert reply.status_code == 200, f"{url}: {reply.status_code} {reply.text[:300]}"
    return {url: reply.json() for url, reply in replies.items()}


def evidence_items(value: Any) -> Iterator[dict[str, Any]]:
    """Every evidence item (a dict with a quote and offsets) anywhere in an answer."""
    if isinstance(value, dict):
        if "quote" in value and "start" in value:
            yield value
        for item in value.values():
            yield from evidence_items(item)
    elif isinstance(value, list):
        for item in value:
            yield from evidence_items(item)


def without_offsets(value: Any) -> Any:
    if isinstance(value, dict):
        is_evidence = "quote" in value and "start" in value
        return {
            k: without_offsets(v)
            for k, v in value.items()
            if not (is_evidence and k in ("start", "end"))
        }
    if isinstance(value, list):
        return [without_offsets(v) for v in value]
    return value


@pytest.fixture(scope="module")
def empty_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("no-texts")


@pytest.fixture(scope="module")
def loaded_without_texts(
    graph: Driver, test_settings: Settings, empty_sources: Path
) -> subprocess.CompletedProcess[str]:
    done = cli_load(test_settings, empty_sources)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_the_seed_loads_without_its_text_and_says_its_quotes_are_unverified(
    loaded_without_texts: subprocess.CompletedProcess[str],
) -> None:
    output = loaded_without_texts.stdout + loaded_without_texts.stderr
    assert "quotes unverified" in output
    assert "ACTORGRAPH_SOURCES" in output


def test_putins_contacts_come_back_without_the_text(
    loaded_without_texts: subprocess.CompletedProcess[str], test_settings: Settings
) -> None:
    contacts = answers(test_settings)["/actors/vladimir-putin/contacts"]
    ids = [c["actor"]["id"] for c in contacts]
    assert ids[0] == "emmanuel-macron"
    assert {"olaf-scholz", "recep-tayyip-erdogan", "naftali-bennett"} <= set(ids)


def test_evidence_without_its_text_has_no_offsets(
    loaded_without_texts: subprocess.CompletedProcess[str], test_settings: Settings
) -> None:
    items = list(evidence_items(answers(test_settings)))
    assert items, "the answers carry evidence"
    assert all(item["start"] is None and item["end"] is None for item in items)


def test_strict_refuses_a_missing_text_and_writes_nothing(
    loaded_without_texts: subprocess.CompletedProcess[str],
    test_settings: Settings,
    empty_sources: Path,
    graph: Driver,
) -> None:
    def gen() -> Any:
        return graph.execute_query(
            "MATCH (d:Dataset {id: 'current'}) RETURN d.gen AS gen",
            database_=test_settings.neo4j_database,
        ).records[0]["gen"]

    before = gen()
    refused = cli_load(test_settings, empty_sources, "--strict")
    assert refused.returncode == 1
    assert "quotes unverified" in refused.stdout + refused.stderr
    assert gen() == before


def test_answers_without_texts_equal_those_with_texts_but_for_offsets(
    graph: Driver, test_settings: Settings, empty_sources: Path, seed_sources: Path
) -> None:
    with_texts = cli_load(test_settings, seed_sources, "--strict")
    assert with_texts.returncode == 0, with_texts.stdout + with_texts.stderr
    full = answers(test_settings)
    assert all(item["start"] is not None for item in evidence_items(full))

    without = cli_load(test_settings, empty_sources)
    assert without.returncode == 0, without.stdout + without.stderr
    bare = answers(test_settings)

    for url in READS:
        assert without_offsets(bare[url]) == without_offsets(full[url]), url
