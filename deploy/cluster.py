"""A local cluster without containers: PostgreSQL, Redis, two gunicorn nodes and nginx.

``make cluster`` runs ``python -m deploy.cluster start`` and ``make cluster-stop`` its ``stop``;
the cluster test (``tests/cluster``) and the crash benchmark (``bench/crash.py``) drive the same
``Cluster`` class on random ports in a temporary folder. Every part is a Debian binary:

- PostgreSQL: a throw-away cluster made by ``initdb`` and run by ``pg_ctl`` from
  ``/usr/lib/postgresql/*/bin`` (as the ``postgres`` user when we are root), with the default,
  durable settings (fsync and synchronous commits on): the crash benchmark relies on them;
- Redis: ``redis-server`` without persistence (``REDIS_URL``; rate limits and caches later);
- two app nodes: ``gunicorn -c gunicorn.conf.py`` with their own ``GUNICORN_BIND``, sharing
  ``DATABASE_URL``, ``REDIS_URL``, ``SECRET_KEY`` and ``DATA_KEY`` (so a session cookie signed
  by one node is good on the other); each may run the deadline clock (``RECALL_WORKER``), which
  is safe because the clock claims its work with row locks and unique keys;
- nginx: the sample site ``deploy/nginx/recall.conf`` with its upstream and listen port
  rewritten, balancing the two nodes and micro-caching anonymous GETs.

The cluster's state (ports, process ids, folders) is kept in ``<root>/cluster.json`` so that
another process can stop it.
"""

import argparse
import contextlib
import glob
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NGINX_SITE = REPO / "deploy" / "nginx" / "recall.conf"
STATE = "cluster.json"
DATABASE = "recall"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if not found and shutil.which("pg_ctl"):
        found = [shutil.which("pg_ctl")]
    if not found:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    return Path(found[0]).parent


def missing_programs() -> list[str]:
    """The Debian programs the cluster needs that this machine lacks."""
    wanted = {"redis-server": "redis-server", "nginx": "nginx"}
    absent = [package for program, package in wanted.items() if not _which(program)]
    try:
        postgres_bindir()
    except RuntimeError:
        absent.append("postgresql")
    return absent


def _which(program: str) -> str | None:
    return shutil.which(program) or shutil.which(program, path="/usr/sbin:/sbin")


class PostgresServer:
    """A PostgreSQL cluster in ``root/data`` on 127.0.0.1:``port`` (trust auth, user postgres),
    run as the ``postgres`` user when we are root (PostgreSQL refuses to run as root).
    ``options`` are extra ``-c name=value`` settings."""

    def __init__(self, root: Path, port: int, options: tuple[str, ...] = ()) -> None:
        self.root = Path(root)
        self.port = port
        self.options = options
        self.datadir = self.root / "data"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(postgres_bindir() / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, cwd=self.root, capture_output=True, text=True, check=check)

    def start(self) -> None:
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        if not self.datadir.exists():
            self.run(
                "initdb", "-D", str(self.datadir), "-U", "postgres", "-A", "trust", "-E", "UTF8"
            )
        options = " ".join(
            [f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"]
            + [f"-c {option}" for option in self.options]
        )
        log = str(self.root / "log")
        self.run(
            "pg_ctl", "-D", str(self.datadir), "-l", log, "-w", "-t", "300", "-o", options, "start"
        )

    def stop(self, mode: str = "fast") -> None:
        """``fast`` ends sessions cleanly; ``immediate`` is a crash (recovery on the next start)."""
        self.run("pg_ctl", "-D", str(self.datadir), "-m", mode, "-w", "stop", check=False)

    def ready(self) -> bool:
        return (
            self.run("pg_isready", "-h", "127.0.0.1", "-p", str(self.port), check=False).returncode
            == 0
        )

    def psql(self, sql: str, database: str = "postgres") -> str:
        command = [
            str(postgres_bindir() / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-Atc",
            sql,
        ]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def create_database(self, name: str) -> None:
        self.psql(f"CREATE DATABASE {name}")

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


@dataclass
class Ports:
    nginx: int
    node_a: int
    node_b: int
    postgres: int
    redis: int

    @classmethod
    def from_base(cls, base: int) -> "Ports":
        """``base`` for nginx and the next four for the nodes, PostgreSQL and Redis; 0: random."""
        if base == 0:
            return cls(*(free_port() for _ in range(5)))
        return cls(base, base + 1, base + 2, base + 3, base + 4)


@dataclass
class Cluster:
    root: Path
    ports: Ports
    secret_key: str
    data_key: str
    #: Where PostgreSQL keeps its files (a temporary folder the postgres user can reach).
    pg_root: Path
    #: Process ids by part name ("redis", "node_a", "node_b", "nginx").
    pids: dict
    #: Extra environment of every app process (e.g. SIGNATURE_COUNT_INTERVAL).
    settings: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        #: The processes this object started (kept so that they are reaped, not leaked).
        self._children: dict[str, subprocess.Popen] = {}

    # ---- building and finding ----------------------------------------------------------------

    @classmethod
    def create(cls, root: Path | str, base_port: int = 0, **settings: str) -> "Cluster":
        root = Path(root).resolve()
        root.mkdir(parents=True, exist_ok=True)
        if (root / STATE).exists():
            raise RuntimeError(f"a cluster is already recorded in {root}; stop it first")
        pg_root = Path(tempfile.mkdtemp(prefix="recall-cluster-pg-"))
        return cls(
            root,
            Ports.from_base(base_port),
            secrets.token_urlsafe(32),
            secrets.token_urlsafe(32),
            pg_root,
            {},
            settings,
        )

    @classmethod
    def load(cls, root: Path | str) -> "Cluster":
        data = json.loads((Path(root) / STATE).read_text())
        data["ports"] = Ports(**data["ports"])
        data["root"], data["pg_root"] = Path(data["root"]), Path(data["pg_root"])
        return cls(**data)

    def save(self) -> None:
        data = asdict(self)
        data["root"], data["pg_root"] = str(self.root), str(self.pg_root)
        (self.root / STATE).write_text(json.dumps(data, indent=2) + "\n")

    # ---- addresses and environment -----------------------------------------------------------

    @property
    def database_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.ports.postgres}/{DATABASE}"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.ports.redis}/0"

    def url(self, part: str = "nginx") -> str:
        return f"http://127.0.0.1:{getattr(self.ports, part)}"

    def env(self, **extra: str) -> dict:
        """The environment of every app process: the same database, Redis and secrets."""
        return {
            **os.environ,
            "APP_ENV": "development",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "SECRET_KEY": self.secret_key,
            "DATA_KEY": self.data_key,
            "PUBLIC_BASE_URL": self.url("nginx"),
            "MAIL_BACKEND": "file",
            "MAIL_FILE_DIR": str(self.root / "mail"),
            **self.settings,
            **extra,
        }

    def flask(self, *args: str, check: bool = True, **extra_env: str):
        """Run ``flask --app wsgi ARGS`` against the cluster's database; its completed process."""
        return subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", *args],
            cwd=REPO,
            env=self.env(**extra_env),
            capture_output=True,
            text=True,
            check=check,
        )

    # ---- PostgreSQL ---------------------------------------------------------------------------

    @property
    def postgres(self) -> "PostgresServer":
        return PostgresServer(self.pg_root, self.ports.postgres)

    def start_postgres(self) -> None:
        self.postgres.start()

    def stop_postgres(self, mode: str = "fast") -> None:
        """``fast`` ends sessions cleanly; ``immediate`` is a crash (recovery on the next start)."""
        self.postgres.stop(mode)

    def create_database(self) -> None:
        self.postgres.create_database(DATABASE)

    # ---- Redis, nodes, nginx ------------------------------------------------------------------

    def _spawn(self, name: str, command: list[str], env: dict | None = None) -> None:
        logs = self.root / "logs"
        logs.mkdir(exist_ok=True)
        with open(logs / f"{name}.log", "ab") as log:
            process = subprocess.Popen(
                command,
                cwd=REPO,
                env=env or os.environ,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # lives on after `make cluster` returns
            )
        self.pids[name] = process.pid
        self._children[name] = process

    def start_redis(self) -> None:
        self._spawn(
            "redis",
            [_which("redis-server"), "--port", str(self.ports.redis), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.root)],
        )  # fmt: skip

    def start_node(self, name: str, *, clock: bool = True, workers: int = 2) -> None:
        """Start app node ``name`` ("node_a" or "node_b") under gunicorn."""
        env = self.env(
            GUNICORN_BIND=f"127.0.0.1:{getattr(self.ports, name)}",
            WEB_CONCURRENCY=str(workers),
            RECALL_WORKER="1" if clock else "0",
            RECALL_WORKER_INTERVAL="60",
        )
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self._spawn(name, [str(gunicorn), "-c", "gunicorn.conf.py"], env)

    def nginx_config(self) -> str:
        """The sample site with this cluster's ports and folders, inside a minimal nginx.conf."""
        site = NGINX_SITE.read_text()
        site = site.replace("127.0.0.1:8001", f"127.0.0.1:{self.ports.node_a}")
        site = site.replace("127.0.0.1:8002", f"127.0.0.1:{self.ports.node_b}")
        site = re.sub(r"listen 80;", f"listen 127.0.0.1:{self.ports.nginx};", site)
        site = site.replace("/var/cache/nginx/recall", str(self.root / "nginx" / "cache"))
        user = pwd.getpwuid(os.geteuid()).pw_name
        temp = self.root / "nginx"
        return (
            f"user {user};\nworker_processes 1;\npid {temp / 'nginx.pid'};\n"
            f"error_log {self.root / 'logs' / 'nginx-error.log'} warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            f"  access_log {self.root / 'logs' / 'nginx-access.log'};\n"
            f"  client_body_temp_path {temp / 'body'};\n  proxy_temp_path {temp / 'proxy'};\n"
            f"  fastcgi_temp_path {temp / 'fastcgi'};\n  uwsgi_temp_path {temp / 'uwsgi'};\n"
            f"  scgi_temp_path {temp / 'scgi'};\n"
            "  include /etc/nginx/mime.types;\n"
            f"{site}\n}}\n"
        )

    def start_nginx(self) -> None:
        (self.root / "nginx" / "cache").mkdir(parents=True, exist_ok=True)
        (self.root / "logs").mkdir(exist_ok=True)
        config = self.root / "nginx" / "nginx.conf"
        config.write_text(self.nginx_config())
        self._spawn("nginx", [_which("nginx"), "-c", str(config), "-g", "daemon off;"])

    # ---- the whole ----------------------------------------------------------------------------

    def start(self, *, demo: bool = True, demo_voters: int | None = None, clock: bool = True,
              workers: int = 2) -> None:  # fmt: skip
        """Start every part, migrate, load the demo; raise if a part does not come up."""
        absent = missing_programs()
        if absent:
            raise RuntimeError(f"missing Debian packages: {', '.join(absent)}")
        self.save()
        try:
            self.start_postgres()
            self.create_database()
            self.start_redis()
            self.save()
            self.flask("db", "upgrade")
            if demo:
                voters = [] if demo_voters is None else ["--voters", str(demo_voters)]
                self.flask("seed", "demo", "--if-empty", *voters)
            for name in ("node_a", "node_b"):
                self.start_node(name, clock=clock, workers=workers)
            self.save()
            # nginx marks a node that refuses it as failed for a while: start it once both answer.
            self.wait_healthy(("postgres", "redis", "node_a", "node_b"))
            self.start_nginx()
            self.save()
            self.wait_healthy()
        except BaseException:
            self.stop()
            raise

    def health(self) -> dict:
        """Each part's answer: True when it is up (PostgreSQL, Redis, both nodes, nginx)."""
        return {
            "postgres": self.postgres.ready(),
            "redis": redis_ping(self.ports.redis),
            "node_a": _http_ok(self.url("node_a") + "/"),
            "node_b": _http_ok(self.url("node_b") + "/"),
            "nginx": _http_ok(self.url("nginx") + "/"),
        }

    def wait_healthy(self, parts: tuple[str, ...] | None = None, timeout: float = 180) -> None:
        """Wait until ``parts`` (default: all) are up; raise naming those that are not."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.health()
            if parts is not None:
                state = {name: up for name, up in state.items() if name in parts}
            if all(state.values()):
                return
            if time.monotonic() > deadline:
                down = ", ".join(name for name, up in state.items() if not up)
                raise RuntimeError(f"not up after {timeout:.0f} s: {down} (logs: {self.root}/logs)")
            time.sleep(0.3)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Signal part ``name``; for a node, SIGKILL takes its whole process group (master,
        workers and clock) down at once, as a machine failure would."""
        pid = self.pids.pop(name, None)
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, sig)
        child = self._children.pop(name, None)
        if child is not None:
            child.wait(timeout=90)
        else:
            _wait_gone(pid)
        self.save()

    def stop(self) -> None:
        """Stop every part (nodes let their requests and clock tick finish) and remove the
        PostgreSQL files; the logs stay in ``root/logs``."""
        for name in ("nginx", "node_a", "node_b", "redis"):
            self.kill(name, signal.SIGTERM)
        if self.postgres.datadir.exists():
            self.stop_postgres("fast")
        shutil.rmtree(self.pg_root, ignore_errors=True)
        (self.root / STATE).unlink(missing_ok=True)

    def describe(self) -> str:
        return "\n".join(
            [
                f"site (nginx, balancing both nodes): {self.url('nginx')}/",
                f"node A: {self.url('node_a')}/   node B: {self.url('node_b')}/",
                f"DATABASE_URL={self.database_url}",
                f"REDIS_URL={self.redis_url}",
                f"logs: {self.root / 'logs'}   mail: {self.root / 'mail'}",
                "demo accounts: see README (e.g. citizen@demo.recall.kz / demo-citizen-pass)",
            ]
        )


def redis_ping(port: int) -> bool:
    """Redis answers PING (its inline protocol; no client library needed for a health check)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _wait_gone(pid: int, timeout: float = 90) -> None:
    """Wait for a process another run started (``make cluster-stop``) to end."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.cluster", description=__doc__)
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--dir", default=str(REPO / "instance" / "cluster"), help="state folder")
    parser.add_argument("--base-port", type=int, default=int(os.environ.get("CLUSTER_PORT", 8080)),
                        help="nginx port; the nodes, PostgreSQL and Redis take the next four "
                        "(0: random free ports)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.action == "start":
        cluster = Cluster.create(args.dir, args.base_port)
        cluster.start()
        print(cluster.describe())
        print("stop it with: make cluster-stop")
    elif not (Path(args.dir) / STATE).exists():
        print(f"no cluster recorded in {args.dir}")
    elif args.action == "stop":
        Cluster.load(args.dir).stop()
        print("cluster stopped")
    else:
        cluster = Cluster.load(args.dir)
        print(cluster.describe())
        print(json.dumps(cluster.health()))


if __name__ == "__main__":
    main()
