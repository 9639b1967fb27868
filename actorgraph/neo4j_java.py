"""The Java that runs Neo4j: the one of JAVA_HOME, else of PATH, and only a version that
Neo4j 5.26 supports, since another fails late and obscurely."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from actorgraph.local_server import Neo4jServerError

SUPPORTED_JAVA = (17, 21)


def find_java() -> Path:
    """The `java` of JAVA_HOME, or of PATH, provided it is a version Neo4j 5.26 supports."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        java = Path(java_home) / "bin" / "java"
    else:
        found = shutil.which("java")
        if not found:
            raise Neo4jServerError(
                "Java not found: install Java 17 or 21 and put it on PATH, or set JAVA_HOME."
            )
        java = Path(found).resolve()
    if not java.exists():
        raise Neo4jServerError(f"JAVA_HOME={java_home} has no bin/java: point it at a Java 17 JDK.")
    major = java_major_version(java)
    if major not in SUPPORTED_JAVA:
        raise Neo4jServerError(
            f"{java} is Java {major}; Neo4j 5.26 runs on Java 17 or 21. "
            "Set JAVA_HOME to a Java 17 JDK (e.g. /usr/lib/jvm/java-17-openjdk-amd64)."
        )
    return java


def java_major_version(java: Path) -> int:
    out = subprocess.run(
        [str(java), "-version"], capture_output=True, text=True, check=False, timeout=60
    )
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        raise Neo4jServerError(f"Could not tell the version of {java}: {out.stderr.strip()}")
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major
