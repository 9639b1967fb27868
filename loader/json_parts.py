"""A large JSON dataset file, read in parts: its records a few thousand at a time.

A file over ``Limits.max_file_bytes`` is not read whole. When it is JSON (the form that
generated datasets take), its `interactions` and `statements` are decoded record by record
and handed out in parts of at most ``records`` each; every part carries the file's header
(``source``, ``draft``) and the first part its other sections (actors, places, affiliations,
memberships: a few per actor). So the file must give those sections first; the reader
refuses a file that gives them after a record list, saying what to move.

Each record is decoded with the same strict rules as a whole file (a duplicate key is an
error), and the file's sha256 is taken as it is read.
"""

from __future__ import annotations

import codecs
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from loader.yaml_files import FileRefused, json_object

# The record lists read a part at a time; the other sections are read whole.
STREAMED = ("interactions", "statements")
BLOCK_BYTES = 1 << 20
# A value that does not decode is read on (it may only be cut off by the window) up to this
# size: past it, the error stands, rather than the rest of a huge file being read for it.
MAX_VALUE_CHARS = 256 << 20
_DECODER = json.JSONDecoder(object_pairs_hook=json_object)
_WHITESPACE = " \t\n\r"


@dataclass
class Part:
    """Some of a file's records, as a mapping of the file's own shape, and where they stand
    in the whole file: `first[collection]` is the index of the part's first record there."""

    raw: dict[str, Any]
    number: int
    first: dict[str, int] = field(default_factory=dict)


def is_json(path: Path) -> bool:
    """Whether the file's first non-blank byte opens a JSON object."""
    with path.open("rb") as handle:
        while block := handle.read(4096):
            stripped = block.lstrip()
            if stripped:
                return stripped[:1] == b"{"
    return False


class _Text:
    """The file's text as a window that slides forward: decoded block by block, with what
    has been consumed dropped and counted (for line numbers in messages)."""

    def __init__(self, handle: BinaryIO, sha256: Any, block: int) -> None:
        self.handle = handle
        self.sha256 = sha256
        self.block = block
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf = ""
        self.at = 0  # position in buf
        self.eof = False
        self._bytes_read = 0
        self._lines_dropped = 0
        self._column_base = 0  # chars since the last dropped newline, for column numbers

    def more(self, at_least: int = 0) -> bool:
        """Read another block (or more); False at the end of the file."""
        if self.eof:
            return False
        data = self.handle.read(max(at_least, self.block))
        self.sha256.update(data)
        try:
            text = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            if not data:
                raise FileRefused(
                    "not valid UTF-8 (the file ends inside a character); save the file as UTF-8"
                ) from exc
            offset = self._bytes_read + exc.start
            raise FileRefused(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {offset}); "
                "save the file as UTF-8"
            ) from exc
        if not data:
            self.eof = True
            return False
        self._bytes_read += len(data)
        # Only here: a position in the window (an error's) stays valid at the file's end.
        self._drop_consumed()
        self.buf += text
        return True

    def _drop_consumed(self) -> None:
        if self.at < self.block:
            return
        dropped = self.buf[: self.at]
        newlines = dropped.count("\n")
        self._lines_dropped += newlines
        tail = len(dropped) - dropped.rfind("\n") - 1 if newlines else len(dropped)
        self._column_base = tail if newlines else self._column_base + tail
        self.buf = self.buf[self.at :]
        self.at = 0

    def skip_space(self) -> str:
        """The next character that is not whitespace, not consumed; "" at the end."""
        while True:
            while self.at < len(self.buf) and self.buf[self.at] in _WHITESPACE:
                self.at += 1
            if self.at < len(self.buf):
                return self.buf[self.at]
            if not self.more():
                return ""

    def expect(self, chars: str, what: str) -> str:
        found = self.skip_space()
        if not found or found not in chars:
            self.fail(f"expected {what}")
        self.at += 1
        return found

    def value(self) -> Any:
        """Decode the JSON value that starts here, reading more of the file as it needs."""
        self.skip_space()
        wanted = self.block
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.at)
            except json.JSONDecodeError as exc:
                # Cut off by the window's end, or wrong: only reading on tells.
                if len(self.buf) - self.at < MAX_VALUE_CHARS and self.more(wanted):
                    wanted *= 2  # a record larger than a block: no quadratic re-reading
                    continue
                self.fail(exc.msg, exc.pos)
            except ValueError as exc:  # a duplicate key
                raise FileRefused(str(exc)) from exc
            except RecursionError:
                raise FileRefused("nested too deeply to be a dataset file; flatten it") from None
            # A number or literal at the window's edge may go on in the next block.
            if end == len(self.buf) and not self.eof and self.more():
                continue
            self.at = end
            return value

    def fail(self, message: str, pos: int | None = None) -> None:
        pos = self.at if pos is None else pos
        before = self.buf[:pos]
        line = self._lines_dropped + before.count("\n") + 1
        newline = before.rfind("\n")
        column = pos - newline if newline >= 0 else self._column_base + pos + 1
        raise FileRefused(f"JSON syntax error at line {line}, column {column}: {message}")


def read_parts(
    path: Path, records: int, sha256: Any = None, block: int = BLOCK_BYTES
) -> Iterator[Part]:
    """The file in parts of at most `records` streamed records each (see the module doc);
    a file with no records is one part. `FileRefused` names what is wrong. `sha256`, a
    hashlib object, is fed the file's bytes as they are read, `block` bytes at a time."""
    with path.open("rb") as handle:
        text = _Text(handle, sha256 if sha256 is not None else hashlib.sha256(), block)
        yield from _parts(text, records)
        _expect_end(text)


def _parts(text: _Text, records: int) -> Iterator[Part]:
    text.expect("{", "the file to open with {")
    head: dict[str, Any] = {}
    first: dict[str, int] = {}
    batch: dict[str, Any] | None = None
    number = 0
    if text.skip_space() == "}":
        text.at += 1
        yield Part(head, 0)
        return
    while True:
        key = _key(text, head, first)
        if key in STREAMED and text.skip_space() == "[":
            text.at += 1
            first.setdefault(key, 0)
            for item in _items(text):
                if batch is None:
                    batch = {**head} if number == 0 else _header(head)
                batch.setdefault(key, []).append(item)
                if sum(len(batch.get(name, ())) for name in STREAMED) >= records:
                    yield Part(batch, number, dict(first))
                    _advance(first, batch)
                    batch, number = None, number + 1
        else:
            if first:
                text.fail(
                    f"{key!r} comes after the record lists; in a file read in parts (a large "
                    f"one), put {', '.join(repr(k) for k in _HEAD_FIRST)} before "
                    f"{' and '.join(repr(k) for k in STREAMED)}"
                )
            head[key] = text.value()
        if text.expect(",}", "',' or '}' after a value") == "}":
            break
    if batch is not None or number == 0:
        yield Part(batch if batch is not None else head, number, dict(first))


_HEAD_FIRST = ("source", "draft", "actors", "places", "affiliations", "memberships")


def _key(text: _Text, head: dict[str, Any], first: dict[str, int]) -> str:
    if text.skip_space() != '"':
        text.fail("expected a key in double quotes")
    key = text.value()
    if key in head or key in first:
        raise FileRefused(f"duplicate key {key!r}; each key may appear once per mapping")
    text.expect(":", "':' after a key")
    return str(key)


def _items(text: _Text) -> Iterator[Any]:
    if text.skip_space() == "]":
        text.at += 1
        return
    while True:
        yield text.value()
        if text.expect(",]", "',' or ']' after a record") == "]":
            return


def _header(head: dict[str, Any]) -> dict[str, Any]:
    """What every part after the first repeats of the file: the source and the draft flag."""
    return {k: v for k, v in head.items() if k in ("source", "draft")}


def _advance(first: dict[str, int], batch: dict[str, Any]) -> None:
    for name in STREAMED:
        if name in batch and name in first:
            first[name] += len(batch[name])


def _expect_end(text: _Text) -> None:
    if text.skip_space():
        text.fail("unexpected text after the end of the data")
