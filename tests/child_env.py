"""The environment of a process the tests start (the CLI, uvicorn).

It points at the suite's Neo4j and carries none of the developer's own configuration:
neither their NEO4J_URI nor anything their .env would set.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from actorgraph.settings import Settings


def child_env(settings: Settings | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ACTORGRAPH_"))}
    env["COLUMNS"] = "200"  # rich wraps errors at the terminal width; keep each on one line
    if settings is not None:
        env.update(
            NEO4J_URI=settings.bolt_uri,
            NEO4J_USER=settings.neo4j_user,
            NEO4J_DATABASE=settings.neo4j_database,
        )
        if settings.neo4j_password is not None:
            env["NEO4J_PASSWORD"] = settings.neo4j_password.get_secret_value()
    env.update(extra)
    return env


def run_actorgraph(
    settings: Settings, sources: Path, *args: str | Path
) -> subprocess.CompletedProcess[str]:
    """`actorgraph ARGS` from the checkout, on the suite's Neo4j, with `sources` as its texts."""
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *map(str, args)],
        env=child_env(settings, ACTORGRAPH_SOURCES=str(sources)),
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
