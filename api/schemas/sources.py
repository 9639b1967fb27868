"""Sources: the texts the dataset was curated from, and what each evidences."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from api.schemas.examples import example


class Source(BaseModel):
    model_config = example(
        {
            "id": "cameron-2022-03-21",
            "title": "As Russian attacks against Kyiv, Mariupol, other cities continue, some "
            "progress in peace talks. But toughest issues remain",
            "author": "David R. Cameron", "date": "2022-03-21", "publisher": None, "url": None,
            "text_file": "cameron-2022-03-21.txt",
            "interactions": ["meeting-2022-03-10-antalya-kuleba-lavrov"],
            "statements": ["cavusoglu-2022-03-10-no-miracles"], "actors": ["vladimir-putin"],
            "places": ["antalya"], "affiliations": ["putin-president-of-russia"],
            "memberships": ["russian-delegation-part-of-russia"],
        }
    )  # fmt: skip
    id: str
    title: str | None
    author: str | None
    date: dt.date | None
    publisher: str | None
    url: str | None
    text_file: str | None
    interactions: list[str] = Field(description="ids of the interactions it evidences")
    statements: list[str]
    actors: list[str]
    places: list[str]
    affiliations: list[str]
    memberships: list[str]
