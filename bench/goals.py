"""The goal table of issue 18, printed at the end of ``make bench`` from the figures of the run
(a benchmark not run in this invocation reads its last figures from ``bench/out/``, said so)."""

import json
import os
from pathlib import Path


def _read(out: Path, name: str, fresh: dict) -> tuple[dict | None, str]:
    if name in fresh:
        return fresh[name], ""
    path = out / f"{name}.json"
    if path.is_file():
        return json.loads(path.read_text()), " (earlier run)"
    return None, ""


def _ratio_line(figures: dict | None, note: str, db: str, key: str, p99: str, goal: str) -> str:
    found = (figures or {}).get(db)
    if not isinstance(found, dict):
        return f"not measured{note}"
    return (
        f"{found[key]} (p99 {found[p99]} ms, load {found['load_average_1min']}){note}; goal {goal}"
    )


def rows(out: Path, fresh: dict) -> list[tuple[str, str]]:
    """(measure, figure) pairs, in the issue's order."""
    signing, s_note = _read(out, "signing", fresh)
    national, n_note = _read(out, "national", fresh)
    crash, c_note = _read(out, "crash", fresh)
    table = [
        (
            "petition page, anonymous, vs bare Flask route (SQLite node)",
            _ratio_line(
                signing, s_note, "sqlite", "page_ratio", "page_p99_ms", ">= 0.5, p99 <= 100"
            ),
        ),
        (
            "petition page, anonymous, vs bare Flask route (PostgreSQL node)",
            _ratio_line(signing, s_note, "postgresql", "page_ratio", "page_p99_ms", ">= 0.5"),
        ),
        (
            "API petition detail vs the same ceiling (SQLite / PostgreSQL)",
            " | ".join(
                _ratio_line(signing, s_note, db, "api_ratio", "api_p99_ms", ">= 0.6")
                for db in ("sqlite", "postgresql")
            ),
        ),
        (
            "signing vs bare insert, SQLite",
            _ratio_line(signing, s_note, "sqlite", "ratio_to_ceiling", "sign_p99_ms", ">= 0.4"),
        ),
        (
            "signing vs bare insert, PostgreSQL",
            _ratio_line(signing, s_note, "postgresql", "ratio_to_ceiling", "sign_p99_ms", ">= 0.4"),
        ),
    ]
    if national:
        table.append(
            (
                f"register import {national['rows']:,} rows, PostgreSQL",
                f"{national['import_seconds']} s, {national['ratio_import_to_raw_copy']} x raw "
                f"COPY, {national['import_peak_rss_mb']} MB{n_note}; goal <= 300 s, <= 2 x, "
                "<= 1024 MB",
            )
        )
        table.append(
            (
                f"re-check {national['recheck_signatures']:,} signatures, PostgreSQL",
                f"{national['recheck_seconds']} s{n_note}; goal <= 60 s (1 M vs 12.5 M)",
            )
        )
    else:
        table.append(("register import and re-check, PostgreSQL", "not measured"))
    table.append(
        (
            "acknowledged signatures lost (app node and PostgreSQL kills)",
            f"{crash['acknowledged_lost']} of {crash['acknowledged']:,} over {crash['rounds']} "
            f"rounds{c_note}; goal 0"
            if crash
            else "not measured",
        )
    )
    return table


def print_table(out: Path, fresh: dict) -> None:
    print(f"issue 18 goals (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for measure, figure in rows(out, fresh):
        print(f"  {measure:66s} {figure}")
