"""The one place where configuration is read: the environment, then `.env`."""

from __future__ import annotations

import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# The pin ships inside the package, so that an installed wheel starts the same Neo4j.
VERSIONS_FILE = files("actorgraph") / "versions.env"


def read_versions() -> dict[str, str]:
    """The pinned versions in `actorgraph/versions.env`, which docker compose reads too."""
    versions: dict[str, str] = {}
    for line in VERSIONS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            versions[key.strip()] = value.strip()
    return versions


def default_jar_cache() -> Path:
    """Like ~/.m2, a user's cache: every checkout, and the test servers, share the jars."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "actorgraph" / "jars"


class Settings(BaseSettings):
    """Every setting of actorgraph. Names match the environment variables, case-insensitively."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str | None = Field(
        default=None,
        description="An existing Neo4j to use (bolt://, neo4j://, neo4j+s:// for Aura). "
        "When unset, actorgraph runs its own local server on 127.0.0.1.",
    )
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = Field(
        default=None,
        description="Password for NEO4J_URI. For the local server: when set, auth is on "
        "with this password; when unset, the local server runs without auth on 127.0.0.1.",
    )
    neo4j_database: str = "neo4j"

    # Folders are relative to where actorgraph runs (the checkout, for `make`), as `.env` is.
    actorgraph_home: Path = Field(
        default=Path("var/neo4j"),
        description="Folder of the local Neo4j: its neo4j.conf, data and logs.",
    )
    actorgraph_jars: Path = Field(
        default_factory=default_jar_cache,
        description="Where the Neo4j jars fetched from Maven Central are kept, one folder per "
        "version, shared by every checkout and the test servers.",
    )
    actorgraph_bolt_port: int = 7687
    actorgraph_http_port: int = 7474
    # Sized for a 2-core, 24 GiB machine that also runs the API, the test server and benchmarks.
    actorgraph_heap: str = "4g"
    actorgraph_pagecache: str = "4g"

    actorgraph_data: Path = Field(default=Path("data"), description="The dataset folder.")
    actorgraph_sources: Path = Field(
        default=Path("sources"),
        description="Folder of source texts that evidence quotes are checked against. "
        "Without a text, its quotes load unverified and without offsets.",
    )

    actorgraph_api_host: str = "127.0.0.1"
    actorgraph_api_port: int = 8000
    actorgraph_api_workers: int = Field(
        default=2,
        ge=1,
        description="API worker processes. On 2 cores beside Neo4j, 2 served up to a third "
        "more requests than 1 (64 clients, 100k graph); at 1M, Neo4j is the limit.",
    )
    actorgraph_query_timeout: float = Field(
        default=2.0, description="Seconds an ad hoc query may run before it is stopped."
    )
    actorgraph_row_cap: int = Field(default=1000, description="Rows an ad hoc query may return.")
    actorgraph_cypher_concurrency: int = Field(
        default=2,
        ge=1,
        description="Ad hoc queries that may run at once; more get 429. One still running on "
        "the server after its time limit counts until Neo4j reports it gone.",
    )
    actorgraph_api_key: SecretStr | None = Field(
        default=None, description="When set, POST /cypher needs it in the X-API-Key header."
    )

    @property
    def uses_local_server(self) -> bool:
        return not self.neo4j_uri

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.actorgraph_bolt_port}"

    @property
    def auth(self) -> tuple[str, str] | None:
        if self.neo4j_password is None or not self.neo4j_password.get_secret_value():
            return None
        return (self.neo4j_user, self.neo4j_password.get_secret_value())


@lru_cache
def get_settings() -> Settings:
    return Settings()
