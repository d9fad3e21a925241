"""Run every benchmark and print one figure block each; results also go to bench/out/."""

import argparse
import json
from pathlib import Path

from bench import (
    capacity,
    crash,
    eds,
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
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    for name in args.names or BENCHMARKS:
        figures = BENCHMARKS[name](rows=args.rows)
        (out / f"{name}.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
