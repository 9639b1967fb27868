"""What a user opens or types in Neo4j Browser to see the graph as the API styles it."""

from __future__ import annotations


def reachable_api_url(host: str, port: int) -> str:
    """The API's address as a browser on this machine reaches it. An API bound to every
    interface is reached on 127.0.0.1, one of the hosts Browser may load remote content from."""
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def browser_guide_commands(api_url: str) -> tuple[str, str]:
    """What to type in Browser for the API's colours and captions and its guide of queries."""
    return (f":style {api_url}/browser/style.grass", f":play {api_url}/browser/guide")
