"""The quote that backs a fact, and where in its source text it stands."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas.examples import SEED_EVIDENCE, example


class Evidence(BaseModel):
    model_config = example(SEED_EVIDENCE)
    source: str = Field(description="the source's id (see GET /sources/{id})")
    quote: str = Field(description="the verbatim quote")
    start: int | None = Field(description="character offset of the quote in the source text")
    end: int | None
