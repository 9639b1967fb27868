"""A circuit breaker in front of Neo4j: while it is down, answer 503 at once.

Without it, every request spent the driver's connection and retry timeouts (2.6–3.0 s)
before its 503, holding a worker each time. Once a request finds Neo4j unreachable, the
circuit opens: requests that need the database answer 503 straight away (`DriverDep`
raises), and a background task probes Neo4j ten times a second; the first answer closes
the circuit again.
"""

from __future__ import annotations

import asyncio
import contextlib

from neo4j import AsyncDriver
from neo4j.exceptions import DriverError, Neo4jError

from actorgraph.database import Neo4jUnavailable
from actorgraph.queries import inspect_query

PROBE_EVERY_S = 0.1


class Circuit:
    def __init__(self) -> None:
        self.open_because: Neo4jUnavailable | None = None
        self._probe: asyncio.Task[None] | None = None

    def check(self) -> None:
        """Raise the error that opened the circuit, while it is open."""
        if self.open_because is not None:
            raise self.open_because

    def trip(self, driver: AsyncDriver, database: str, error: Neo4jUnavailable) -> None:
        if self.open_because is None:
            self.open_because = error
        if self._probe is None or self._probe.done():
            probe = self._close_when_up(driver, database)
            self._probe = asyncio.get_running_loop().create_task(probe)

    async def _close_when_up(self, driver: AsyncDriver, database: str) -> None:
        # A query on the database, not a bare connection: the server answers Bolt a little
        # before the database is online, and the query leaves a live connection in the pool.
        # Auto-commit, since execute_query would retry for seconds inside one probe.
        ping = inspect_query("ping").cypher
        while True:
            await asyncio.sleep(PROBE_EVERY_S)
            try:
                async with driver.session(database=database) as session:
                    await (await session.run(ping)).consume()
            except (DriverError, Neo4jError, OSError):
                continue
            self.open_because = None
            return

    async def close(self) -> None:
        if self._probe is not None:
            self._probe.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._probe
