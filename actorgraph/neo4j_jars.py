"""The pinned Neo4j server and Browser jars, resolved by Maven (`actorgraph/pom.xml`) once
into the jar cache (ACTORGRAPH_JARS) that checkouts and test runs share."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from actorgraph.local_server import LocalServer, Neo4jServerError
from actorgraph.neo4j_java import find_java

POM = files("actorgraph") / "pom.xml"

Report = Callable[[str], None]


def quiet(_: str) -> None:
    pass


def ensure_jars(server: LocalServer, report: Report = quiet) -> Path:
    """Resolve the server and Browser jars with Maven, once; `~/.m2` caches the downloads."""
    done_marker = server.lib_dir / ".complete"
    if done_marker.exists():
        return server.lib_dir
    server.jars.mkdir(parents=True, exist_ok=True)
    # Checkouts and test runs share the folder: one fetches, the others wait for it.
    with (server.jars / f"{server.lib_dir.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done_marker.exists():
            _fetch_jars(server, report)
    return server.lib_dir


def _fetch_jars(server: LocalServer, report: Report) -> None:
    done_marker = server.lib_dir / ".complete"
    mvn = shutil.which("mvn")
    if not mvn:
        raise Neo4jServerError(
            "Maven (mvn) not found: it fetches the Neo4j jars. Install Maven, "
            "or set NEO4J_URI to use a Neo4j you already run."
        )
    report(
        f"Fetching Neo4j {server.neo4j_version} and Browser {server.browser_version} "
        "from Maven Central (about 140 MB, once)..."
    )
    server.lib_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "JAVA_HOME": str(find_java().parent.parent)}
    # Maven writes beside its pom; the installed package may be read-only, so it runs on a copy.
    with tempfile.TemporaryDirectory(prefix="actorgraph-mvn-") as build:
        pom = Path(build) / "pom.xml"
        pom.write_text(POM.read_text(encoding="utf-8"), encoding="utf-8")
        cmd = [
            mvn, "-q", "-B", "-f", str(pom), "package",
            f"-Dneo4j.version={server.neo4j_version}",
            f"-Dneo4j.browser.version={server.browser_version}",
            f"-Dlib.dir={server.lib_dir}",
        ]  # fmt: skip
        result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise Neo4jServerError(f"Maven could not fetch the Neo4j jars:\n{tail}")
    done_marker.write_text(f"{server.neo4j_version} {server.browser_version}\n")
