"""Per-node figures on PostgreSQL for the README's capacity note, before the read-path cache.

Set-up (not timed): the local cluster of ``make cluster`` (PostgreSQL with durable settings,
two gunicorn nodes of ``WEB_CONCURRENCY`` 2 workers, nginx with its 1-second micro-cache), a
petition collecting in one constituency and BENCH_SIGNERS verified voters of it, signed in.
Timed with ``wrk -t2 -c16 -d10s`` each:
- the anonymous petition page and the API petition detail straight from node A;
- the petition page through nginx (anonymous, so micro-cached);
- signing on node A (every request a different signed-in voter; ``bench/wrk_sign.lua``): the
  rate is the signatures stored over the ten seconds.
"""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa

from bench.signing import (
    DATA_KEY,
    DURATION,
    PASSWORD,
    UNIT_MS,
    WRK_LATENCY,
    WRK_THREADS,
    _prepare,
)
from deploy.cluster import Cluster
from deploy.load import Browser, run_threads

CONNECTIONS = 16
SIGNERS = int(os.environ.get("BENCH_SIGNERS", "4000"))


def _group_cpu(pgids: set[int], parents: set[int]) -> float:
    """CPU seconds so far of every process in the process groups ``pgids`` or whose parent is
    in ``parents`` (PostgreSQL's backends are children of the postmaster)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        ppid, pgrp = int(fields[1]), int(fields[2])
        if pgrp in pgids or ppid in parents or pid in parents:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU seconds spent by the app node, PostgreSQL and nginx during a measurement: on a
    machine shared with other work, requests per CPU-second is the figure that transfers."""

    def __init__(self, cluster: Cluster) -> None:
        postmaster = int((cluster.postgres.datadir / "postmaster.pid").read_text().split()[0])
        self.parts = {
            "node": ({cluster.pids["node_a"]}, set()),
            "postgres": (set(), {postmaster}),
            "nginx": ({cluster.pids["nginx"]}, set()),
        }

    def sample(self) -> dict:
        return {name: _group_cpu(*part) for name, part in self.parts.items()}

    def measure(self, work) -> tuple[dict, dict]:
        before = self.sample()
        figures = work()
        after = self.sample()
        cpu = {name: round(after[name] - before[name], 1) for name in after}
        return figures, cpu


def _wrk(url: str, script: Path | None = None, env: dict | None = None) -> dict:
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url],
        env={**os.environ, **(env or {}), "WRK_THREADS": str(WRK_THREADS)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = {p: float(v) * UNIT_MS[u] for p, v, u in WRK_LATENCY.findall(output)}
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rate": round(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
        "failures": int(failures.group(1)) if failures else 0,
    }


def _per_cpu(figures: dict, cpu: dict) -> dict:
    """wrk's figures with the CPU seconds spent and the requests per CPU-second of each part."""
    per = {
        f"per_{name}_cpu_second": round(figures["requests"] / seconds)
        for name, seconds in cpu.items()
        if seconds >= 0.5
    }
    return {**figures, "cpu_seconds": cpu, **per}


def run(rows: int = 0) -> dict:
    """``rows`` (the SQLite benchmarks' size) is not used."""
    if shutil.which("wrk") is None:
        print("capacity: skipped, wrk is not installed (apt-get install wrk)")
        return {"skipped": "wrk is not installed"}
    root = Path(tempfile.mkdtemp(prefix="recall-capacity-"))
    cluster = Cluster.create(root, 0)
    cluster.data_key = DATA_KEY  # the voters are hashed under the benchmark's key
    try:
        cluster.start(demo=False, clock=False)
        petition = _prepare(cluster.database_url, SIGNERS, secret_key=cluster.secret_key)
        node, site = cluster.url("node_a"), cluster.url("nginx")
        meter = CpuMeter(cluster)
        page = _per_cpu(*meter.measure(lambda: _wrk(f"{node}/petitions/{petition}")))
        api = _per_cpu(*meter.measure(lambda: _wrk(f"{node}/api/v1/petitions/{petition}")))
        cached = _per_cpu(*meter.measure(lambda: _wrk(f"{site}/petitions/{petition}")))
        browsers = [Browser() for _ in range(SIGNERS)]
        run_threads(
            SIGNERS,
            16,
            lambda i: browsers[i].sign_in(node, f"voter{i}@bench.example", PASSWORD),
        )
        voters = root / "voters.tsv"
        voters.write_text("".join(f"{b.cookie}\t{b.csrf}\n" for b in browsers))
        path = f"/petitions/{petition}/sign"
        sign, sign_cpu = meter.measure(
            lambda: _wrk(
                f"{node}{path}",
                Path(__file__).parent / "wrk_sign.lua",
                {"VOTERS_FILE": str(voters), "SIGN_PATH": path},
            )
        )
        engine = sa.create_engine(
            cluster.database_url.replace("postgresql:", "postgresql+psycopg:")
        )
        with engine.connect() as connection:
            signed = connection.execute(sa.text("SELECT count(*) FROM signatures")).scalar()
        engine.dispose()
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
    figures = {
        "node": "gunicorn -c gunicorn.conf.py, 2 sync workers; PostgreSQL 15, durable",
        "load": f"wrk -t{WRK_THREADS} -c{CONNECTIONS} -d{DURATION}s",
        "petition_page_per_node": page,
        "api_detail_per_node": api,
        "petition_page_via_nginx_microcache": cached,
        "signatures_per_second_per_node": round(signed / DURATION),
        "sign_p99_ms": sign["p99_ms"],
        "sign_failures": sign["failures"],
        "signing_cpu_seconds": sign_cpu,
        "signatures_per_node_cpu_second": round(signed / sign_cpu["node"], 1)
        if sign_cpu["node"]
        else None,
        "signatures_per_postgres_cpu_second": round(signed / sign_cpu["postgres"], 1)
        if sign_cpu["postgres"]
        else None,
        "cpu_load_1min": round(os.getloadavg()[0], 1),
    }
    print("capacity per node on PostgreSQL (before the read-path cache)")
    for key, value in figures.items():
        print(f"  {key:34s} {value}")
    return figures
