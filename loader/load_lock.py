"""One load at a time, enforced by Neo4j itself, so it holds across machines.

The lock is one `(:LoadLock {id: 'load'})` node under a uniqueness constraint: the second
loader's CREATE fails. It carries a lease on the server's clock that the holder renews
from a heartbeat thread, so a loader that was `kill -9`ed blocks the others for one lease
at most; a waiter that finds the lease run out breaks the lock and races to take it again.
A loader on the same host whose process is gone is not waited for.
Publishing checks the lock in its own transaction (cypher/load/publish.cypher), so a load
whose lease ran out while it stalled can never publish over the one that took it over.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from neo4j import Driver
from neo4j.exceptions import ConstraintError, Neo4jError

from actorgraph.database import DatabaseError
from actorgraph.queries import load_statement

LEASE_S = 30
# Renew well before the lease runs out: a renewal may itself wait for a busy server.
RENEW_EVERY_S = LEASE_S / 3
POLL_S = 0.5


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int
    started: str
    expires: str

    def __str__(self) -> str:
        return f"{self.host}, pid {self.pid}, started {self.started}, lease until {self.expires}"


class LoadLocked(Exception):
    """Another load holds the lock, and it was not released within the wait."""

    def __init__(self, holder: LockHolder, waited: float) -> None:
        waited_text = f" after waiting {waited:.0f} s" if waited >= 1 else ""
        super().__init__(
            f"another load is running{waited_text} ({holder}). Wait for it to finish, or "
            "pass --wait SECONDS to wait for it; a load that was killed frees the lock when "
            f"its lease runs out (at most {LEASE_S} s)."
        )
        self.holder = holder


class LostLock(Exception):
    """The lease ran out during the load and another load took the lock; nothing was published."""


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


class LoadLock:
    """`with LoadLock(driver, database, wait=…) as lock:` holds the lock for the block;
    `lock.token` goes to `publish`."""

    def __init__(
        self,
        driver: Driver,
        database: str,
        *,
        wait: float = 0.0,
        on_wait: Callable[[LockHolder], None] | None = None,
    ) -> None:
        self.driver, self.database, self.wait, self.on_wait = driver, database, wait, on_wait
        self.token = secrets.token_hex(16)
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None
        self.lost = False

    def _run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return load_statement(name).write(self.driver, self.database, **params)

    def _try_take(self) -> bool:
        try:
            self._run(
                "lock_take",
                token=self.token,
                host=socket.gethostname(),
                pid=os.getpid(),
                lease=LEASE_S,
            )
        except ConstraintError:
            return False
        return True

    def _holder(self) -> tuple[LockHolder, str, bool] | None:
        rows = self._run("lock_holder")
        if not rows:
            return None
        row = rows[0]
        holder = LockHolder(
            host=row["host"],
            pid=row["pid"],
            started=row["started"],
            expires=row["expires"],
        )
        return holder, row["token"], bool(row["expired"])

    def acquire(self) -> None:
        began = time.monotonic()
        told = False
        while not self._try_take():
            seen = self._holder()
            if seen is None:
                continue  # released between our CREATE and our look
            holder, token, expired = seen
            if expired:
                self._run("lock_break", token=token)
                continue
            if holder.host == socket.gethostname() and not process_exists(holder.pid):
                self._run("lock_break_dead", token=token)
                continue
            waited = time.monotonic() - began
            if waited >= self.wait:
                raise LoadLocked(holder, waited)
            if self.on_wait and not told:
                self.on_wait(holder)
                told = True
            time.sleep(min(POLL_S, self.wait - waited))
        self._heartbeat = threading.Thread(
            target=self._renew, name="actorgraph-load-lock", daemon=True
        )
        self._heartbeat.start()

    def _renew(self) -> None:
        while not self._stop.wait(RENEW_EVERY_S):
            try:
                held = self._run("lock_renew", token=self.token, lease=LEASE_S)[0]["held"]
            except (DatabaseError, Neo4jError):
                continue  # retried at the next beat; publish checks the lock anyway
            if not held:
                self.lost = True
                return

    def release(self) -> None:
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join()
        # A lock left on a server that went away frees itself when its lease runs out.
        with contextlib.suppress(DatabaseError, Neo4jError):
            self._run("lock_release", token=self.token)

    def __enter__(self) -> LoadLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
