"""Exports written as they are read: a Writer's text (actorgraph/exports.py) for each row as
Neo4j sends it, handed on in chunks to a file (`actorgraph export`) or a streaming
response (`GET /export`), so that an export of any size takes little memory and its first
bytes leave before Neo4j has sent its first row.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator

from actorgraph.exports import Row, Writer, writer_for

# Rows' text is handed on in chunks of about this many characters: one write to the file or
# the socket per chunk, not per row.
CHUNK_CHARS = 64 * 1024


class Chunks:
    """Texts gathered into chunks of at least CHUNK_CHARS characters."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.size = 0

    def add(self, text: str) -> list[str]:
        """The chunk that `text` completes, if it completes one."""
        self.texts.append(text)
        self.size += len(text)
        return self.rest() if self.size >= CHUNK_CHARS else []

    def rest(self) -> list[str]:
        chunk = "".join(self.texts)
        self.texts.clear()
        self.size = 0
        return [chunk] if chunk else []


def render(writer: Writer, rows: Iterable[Row]) -> Iterator[str]:
    """The export as text chunks, written as the rows come (`actorgraph export`). The head
    comes alone, at once. `rows` is read once per pass of the writer: a list, or a query's
    Rows, which runs the query again in its transaction (actorgraph/queries.py)."""
    if head := writer.head():
        yield head
    chunks = Chunks()
    for pass_ in range(writer.passes):
        for row in rows:
            yield from chunks.add(writer.row(row, pass_))
        yield from chunks.add(writer.end(pass_))
    yield from chunks.rest()


async def arender(writer: Writer, rows: AsyncIterable[Row]) -> AsyncIterator[str]:
    """`render` for rows that come from the async driver (`GET /export`)."""
    if head := writer.head():
        yield head
    chunks = Chunks()
    for pass_ in range(writer.passes):
        async for row in rows:
            for chunk in chunks.add(writer.row(row, pass_)):
                yield chunk
        for chunk in chunks.add(writer.end(pass_)):
            yield chunk
    for chunk in chunks.rest():
        yield chunk


def rendered(fmt: str, rows: Iterable[Row]) -> str:
    """The whole export as one text, from rows already in hand (a list)."""
    return "".join(render(writer_for(fmt), rows))
