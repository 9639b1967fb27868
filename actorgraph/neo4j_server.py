"""A local Neo4j Community server without Docker: jars from Maven Central, run on Java 17.

The server is one `java` process started from a folder of jars that Maven resolves
(`actorgraph/pom.xml`, into ACTORGRAPH_JARS), with a generated `neo4j.conf` that listens on
127.0.0.1 only. Everything it writes stays under its home folder (`var/neo4j` by default).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote, urlencode

from actorgraph.settings import Settings, default_jar_cache, read_versions

POM = files("actorgraph") / "pom.xml"
SUPPORTED_JAVA = (17, 21)
# Neo4j's own launcher passes these; without them Netty and the page cache log warnings or fail.
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Dfile.encoding=UTF-8",
)
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_ENTRY_POINT = "org.neo4j.server.startup.Neo4jAdminCommand"


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


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str


@dataclass(frozen=True)
class StartResult:
    already_running: bool
    seconds: float
    status: ServerStatus


Report = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


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


def ensure_jars(server: LocalServer, report: Report = _quiet) -> Path:
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


def render_config(server: LocalServer) -> str:
    home = server.home
    return f"""\
# Generated by actorgraph from its settings; edits are overwritten at the next start.
# A local, single-user Neo4j: it listens on 127.0.0.1 only.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:{server.bolt_port}
server.bolt.advertised_address=127.0.0.1:{server.bolt_port}
server.http.listen_address=127.0.0.1:{server.http_port}
server.http.advertised_address=127.0.0.1:{server.http_port}
server.https.enabled=false
server.bolt.tls_level=DISABLED

server.directories.data={home / "data"}
server.directories.logs={home / "logs"}
server.directories.run={home / "run"}
server.directories.import={home / "import"}
server.directories.plugins={home / "plugins"}

# The JVM is started with the same heap (-Xms/-Xmx); these lines keep the config truthful.
server.memory.heap.initial_size={server.heap}
server.memory.heap.max_size={server.heap}
server.memory.pagecache.size={server.pagecache}
# One runaway ad hoc query must not take the heap; the loader's batches stay far below.
db.memory.transaction.max=1g
db.tx_log.rotation.retention_policy=256M size

dbms.security.auth_enabled={"true" if server.password else "false"}
dbms.usage_report.enabled=false
# Browser and other clients send no usage data either.
client.allow_telemetry=false
# No one needs to read the server's files through Cypher.
dbms.security.allow_csv_import_from_file_urls=false
# Browser may load the guide that the actorgraph API serves.
browser.remote_content_hostname_whitelist=127.0.0.1,localhost
"""


def write_config(server: LocalServer) -> Path:
    for sub in ("conf", "data", "logs", "run", "import", "plugins"):
        (server.home / sub).mkdir(parents=True, exist_ok=True)
    server.conf_file.write_text(render_config(server), encoding="utf-8")
    return server.conf_file


def _java_command(server: LocalServer, java: Path, main_class: str, *args: str) -> list[str]:
    return [
        str(java),
        server.process_marker,
        *JVM_FLAGS,
        f"-Dbasedir={server.home}",
        "-cp",
        f"{server.lib_dir}/*",
        main_class,
        *args,
    ]


def _set_initial_password(server: LocalServer, java: Path) -> None:
    """Neo4j takes an initial password only before its first start, through its admin tool."""
    if (server.home / "data" / "databases").exists() or server.password is None:
        return
    env = {**os.environ, "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(server.conf_file.parent)}
    cmd = _java_command(
        server, java, ADMIN_ENTRY_POINT, "dbms", "set-initial-password", server.password
    )
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False, timeout=300)
    if result.returncode != 0:
        raise Neo4jServerError(
            "Could not set the Neo4j password (it needs 8+ characters): "
            + (result.stdout + result.stderr).strip()[-500:]
        )


def _read_pid(server: LocalServer) -> int | None:
    try:
        return int(server.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def _is_our_process(server: LocalServer, pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            return False
        return server.process_marker.encode() in args
    return True  # no /proc (macOS): the pid file is all we have


def status(server: LocalServer) -> ServerStatus:
    pid = _read_pid(server)
    running = pid is not None and _is_our_process(server, pid)
    return ServerStatus(
        running=running,
        pid=pid if running else None,
        bolt_uri=server.bolt_uri,
        browser_url=server.browser_url,
    )


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _log_tail(server: LocalServer, lines: int = 20) -> str:
    try:
        return "\n".join(server.console_log.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no console log)"


def _bolt_answers(server: LocalServer) -> bool:
    # Imported here so that `actorgraph --help` stays fast.
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired, TransientError

    auth = ("neo4j", server.password) if server.password else None
    try:
        with GraphDatabase.driver(server.bolt_uri, auth=auth, connection_timeout=2) as driver:
            # The home database, not `system`: it is the one that must be online for us.
            records, _, _ = driver.execute_query("RETURN 1 AS one")
            return bool(records and records[0]["one"] == 1)
    except (ServiceUnavailable, SessionExpired, TransientError, OSError):
        return False
    except AuthError as exc:
        raise Neo4jServerError(
            f"Neo4j at {server.bolt_uri} refused the password from NEO4J_PASSWORD ({exc.message}). "
            f"Its password was set at its first start; to start afresh, stop it and delete "
            f"{server.home / 'data'}."
        ) from exc


def start(server: LocalServer, *, timeout: float = 180.0, report: Report = _quiet) -> StartResult:
    """Start the server in the background, unless it runs already, and wait until Bolt answers."""
    began = time.monotonic()
    current = status(server)
    if current.running:
        return StartResult(already_running=True, seconds=0.0, status=current)
    for port in (server.bolt_port, server.http_port):
        if _port_open(port):
            raise Neo4jServerError(
                f"Port {port} on 127.0.0.1 is taken by another process (another Neo4j?). "
                "Stop it, choose other ports with ACTORGRAPH_BOLT_PORT/ACTORGRAPH_HTTP_PORT, "
                "or set NEO4J_URI to use that server."
            )
    java = find_java()
    ensure_jars(server, report)
    write_config(server)
    _set_initial_password(server, java)
    report(f"Starting Neo4j {server.neo4j_version} (home {server.home})...")
    cmd = _java_command(
        server,
        java,
        ENTRY_POINT,
        f"--home-dir={server.home}",
        f"--config-dir={server.conf_file.parent}",
        "--console-mode",
    )
    cmd[1:1] = [f"-Xms{server.heap}", f"-Xmx{server.heap}"]
    with server.console_log.open("ab") as log:
        process = subprocess.Popen(
            cmd,
            cwd=server.home,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # survives the shell that started it; stop() ends the group
        )
    server.pid_file.write_text(f"{process.pid}\n")
    deadline = began + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server.pid_file.unlink(missing_ok=True)
            raise Neo4jServerError(
                f"Neo4j exited during start (code {process.returncode}). "
                f"Last lines of {server.console_log}:\n{_log_tail(server)}"
            )
        if _port_open(server.bolt_port) and _bolt_answers(server):
            return StartResult(
                already_running=False, seconds=time.monotonic() - began, status=status(server)
            )
        time.sleep(0.25)
    stop(server)
    raise Neo4jServerError(
        f"Neo4j did not answer on {server.bolt_uri} within {timeout:.0f} s; it was stopped. "
        f"Last lines of {server.console_log}:\n{_log_tail(server)}"
    )


def stop(server: LocalServer, *, timeout: float = 60.0) -> bool:
    """Stop the server if it runs; True when it was running. Kills it if it will not stop."""
    pid = _read_pid(server)
    if pid is None or not _is_our_process(server, pid):
        server.pid_file.unlink(missing_ok=True)
        return False
    _signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _is_our_process(server, pid):
        _reap(pid)
        time.sleep(0.2)
    if _is_our_process(server, pid):
        _signal_group(pid, signal.SIGKILL)
        while _is_our_process(server, pid):
            _reap(pid)
            time.sleep(0.1)
    server.pid_file.unlink(missing_ok=True)
    return True


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def _reap(pid: int) -> None:
    """Collect the exit status when we are the parent, so the pid does not linger as a zombie."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
