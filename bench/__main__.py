"""Run every benchmark and print one figure block each (goal, PASS or FAIL), then where the
JSON went. Nothing else is printed: the servers run without access logs or the clock, and the
app's own log stays at warnings."""

import argparse
import json
import logging
from pathlib import Path

from bench import (
    capacity,
    crash,
    eds,
    goals,
    national,
    notifications,
    recheck,
    register_import,
    signing,
    transparency,
)

BENCHMARKS = {
    "register-import": register_import.run,
    "signing": signing.run,
    "recheck": recheck.run,
    "notifications": notifications.run,
    "eds": eds.run,
    "transparency": transparency.run,
    "national": national.run,
    "crash": crash.run,
    "capacity": capacity.run,
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []], help="default: all")
    parser.add_argument("--rows", type=int, default=1_000_000, help="register rows to import")
    args = parser.parse_args()
    # Migrations and the app log at INFO (alembic configures its loggers on every upgrade): only
    # warnings and errors may interrupt the figures.
    logging.disable(logging.INFO)
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    fresh = {}
    written = []
    for name in args.names or BENCHMARKS:
        figures = fresh[name] = BENCHMARKS[name](rows=args.rows)
        path = out / f"{name}.json"
        path.write_text(json.dumps(figures, indent=2) + "\n")
        written.append(path)
    goals.print_table(out, fresh)
    print("figures written to:")
    for path in written:
        print(f"  {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")


if __name__ == "__main__":
    main()
