"""Register files for tests: valid voters by the dozen, written in the import format."""

import csv
from datetime import date
from pathlib import Path

from app import iin
from app.services.register.reader import COLUMNS


def voter_rows(count: int, code: str, *, first: int = 0) -> list[list[str]]:
    """``count`` valid adult voters of constituency ``code``, serials ``first`` onwards (the
    same serial always gives the same person)."""
    rows = []
    for serial in range(first, first + count):
        born = date(1970 + serial % 30, 1 + serial % 12, 1 + serial % 28)
        number = iin.make(born, iin.Sex.FEMALE, serial)
        if number is None:  # no check digit exists for this one: take the male twin
            number = iin.make(born, iin.Sex.MALE, serial)
        rows.append([number, f"Voterova{serial}", "Ana", "", born.isoformat(), code, "1", ""])
    return rows


def write_register(path: Path, rows: list[list[str]], header=COLUMNS) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
