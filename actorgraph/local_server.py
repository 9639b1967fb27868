"""One local Neo4j Community server as data: its folders, ports, memory, password and the
pinned versions of its jars. Everything it writes stays under its home folder (`var/neo4j`
by default); the jars live in a cache that checkouts share (ACTORGRAPH_JARS).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from actorgraph.settings import Settings, default_jar_cache, read_versions


class Neo4jServerError(Exception):
    """The local server could not be provisioned, started or stopped; the message says why."""


@dataclass(frozen=True)
class LocalServer:
    """Where one local Neo4j lives and how it is configured."""

    home: Path
    bolt_port: int
    http_port: int
    heap: str
    pagecache: str
    password: str | None
    neo4j_version: str
    browser_version: str
    jars: Path = field(default_factory=default_jar_cache)

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalServer:
        versions = read_versions()
        return cls(
            home=settings.actorgraph_home.resolve(),
            bolt_port=settings.actorgraph_bolt_port,
            http_port=settings.actorgraph_http_port,
            heap=settings.actorgraph_heap,
            pagecache=settings.actorgraph_pagecache,
            password=settings.auth[1] if settings.auth else None,
            neo4j_version=versions["NEO4J_VERSION"],
            browser_version=versions["NEO4J_BROWSER_VERSION"],
            jars=settings.actorgraph_jars.expanduser().resolve(),
        )

    @property
    def lib_dir(self) -> Path:
        return self.jars / f"neo4j-{self.neo4j_version}-browser-{self.browser_version}"

    @property
    def conf_file(self) -> Path:
        return self.home / "conf" / "neo4j.conf"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "actorgraph-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        """Browser, opened on this server with the auth method it needs, so that a user need
        not know to pick "No authentication" (it then connects at once) or type the URL.

        `dbms` and `preselectAuthMethod` are Browser's documented URL parameters; the user
        in `dbms` fills the username field. The local server's only user is `neo4j`.
        """
        if self.password:
            dbms, method = f"bolt://neo4j@127.0.0.1:{self.bolt_port}", "NATIVE"
        else:
            dbms, method = self.bolt_uri, "NO_AUTH"
        query = urlencode({"dbms": dbms, "preselectAuthMethod": method}, quote_via=quote)
        return f"http://127.0.0.1:{self.http_port}/browser/?{query}"

    @property
    def process_marker(self) -> str:
        """A JVM property that tags our process, so that status and stop never touch another."""
        return f"-Dactorgraph.home={self.home}"
