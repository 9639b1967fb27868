"""What the OpenAPI document shows as examples: records of the seed dataset."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict

SEED_EVIDENCE = {
    "source": "cameron-2022-03-21",
    "quote": "Kuleba and Russian Foreign Minister Sergey Lavrov met on the sidelines of a "
    "diplomatic forum in Antalya, Turkey",
    "start": 8144,
    "end": 8255,
}


def example(value: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [value]})
