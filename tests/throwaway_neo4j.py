"""A Neo4j of a test's own: in a temporary folder, on free loopback ports, with a small heap.

For the tests that stop, crash or cut off their server, which must never be the suite's
(other modules use it) nor the developer's.
"""

from __future__ import annotations

import socket
from pathlib import Path

from actorgraph import neo4j_server
from actorgraph.settings import read_versions


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def throwaway_server(home: Path, password: str) -> neo4j_server.LocalServer:
    versions = read_versions()
    return neo4j_server.LocalServer(
        home=home,
        bolt_port=free_port(),
        http_port=free_port(),
        heap="512m",
        pagecache="128m",
        password=password,
        neo4j_version=versions["NEO4J_VERSION"],
        browser_version=versions["NEO4J_BROWSER_VERSION"],
    )
