"""An answer written as its response model would write it, in one pass and by orjson.

FastAPI validates a route's return value against its `response_model`, builds the models,
then serialises them: on GET /mediators (40 rankings, 300 reasons) that was 15% of the
API's CPU per request. The canned queries already return the models' fields, so the
routes that answer many rows return `model_json(rows, Model)` instead. It does what the
model pass did to the shape of the JSON: keys in the model's order (Neo4j hands a map's
keys back in hash order), a default where a row lacks a key, no key the model lacks;
orjson then writes the bytes pydantic wrote. It checks no types: the route keeps
`response_model`, so /openapi.json is unchanged, and tests/test_api_models.py checks that
these answers validate against their models and equal their JSON byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import orjson
from fastapi import Response
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from actorgraph.values import json_value

# A field that has no default: a row without it is a bug of the query, and a KeyError.
REQUIRED = PydanticUndefined


@dataclass(frozen=True)
class Fields:
    """A model: each field's name, its default, and the shape of its value."""

    fields: tuple[tuple[str, Any, Shape], ...]


@dataclass(frozen=True)
class Items:
    """A list whose items have a shape."""

    item: Shape


# None: a plain value (text, number, date, a list of those), written as it is.
Shape = Fields | Items | None


@lru_cache
def shape_of(annotation: Any) -> Shape:
    """The shape of a response model, or of a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = []
        for name, field in annotation.model_fields.items():
            hint: Any = field.annotation
            key = field.serialization_alias or field.alias or name
            fields.append((key, field.default, shape_of(hint)))
        return Fields(tuple(fields))
    origin = get_origin(annotation)
    if origin is list:
        item = shape_of(get_args(annotation)[0])
        return None if item is None else Items(item)
    if origin in (Union, UnionType):
        shapes = {shape_of(arg) for arg in get_args(annotation) if arg is not NoneType}
        if len(shapes) > 1:
            raise TypeError(f"model_json cannot choose between the shapes of {annotation}")
        return shapes.pop()
    return None


def in_model_order(value: Any, shape: Shape) -> Any:
    if value is None or shape is None:
        return value
    if isinstance(shape, Items):
        return [in_model_order(item, shape.item) for item in value]
    return {
        name: in_model_order(value[name] if default is REQUIRED else value.get(name, default), sub)
        for name, default, sub in shape.fields
    }


def model_json(content: Any, model: Any) -> Response:
    """`content` as the JSON answer of `model`: a model class, or `list[Model]`."""
    body = orjson.dumps(in_model_order(content, shape_of(model)), default=json_value)
    return Response(body, media_type="application/json")
