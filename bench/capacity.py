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
        "rate": round(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
        "failures": int(failures.group(1)) if failures else 0,
    }


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
        page = _wrk(f"{node}/petitions/{petition}")
        api = _wrk(f"{node}/api/v1/petitions/{petition}")
        cached = _wrk(f"{site}/petitions/{petition}")
        browsers = [Browser() for _ in range(SIGNERS)]
        run_threads(
            SIGNERS,
            16,
            lambda i: browsers[i].sign_in(node, f"voter{i}@bench.example", PASSWORD),
        )
        voters = root / "voters.tsv"
        voters.write_text("".join(f"{b.cookie}\t{b.csrf}\n" for b in browsers))
        path = f"/petitions/{petition}/sign"
        sign = _wrk(
            f"{node}{path}",
            Path(__file__).parent / "wrk_sign.lua",
            {"VOTERS_FILE": str(voters), "SIGN_PATH": path},
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
        "cpu_load_1min": round(os.getloadavg()[0], 1),
    }
    print("capacity per node on PostgreSQL (before the read-path cache)")
    for key, value in figures.items():
        print(f"  {key:34s} {value}")
    return figures
