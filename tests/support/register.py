"""Writing register files (CSV) for the register import tests."""

import csv
from datetime import date

from app import iin
from app.services.register.reader import COLUMNS

ADULT = iin.make(date(1985, 3, 14), iin.Sex.MALE, 0)  # 850314300003


def row(
    number=ADULT,
    last="Testov",
    first="Test",
    middle="",
    born=None,
    code="T-1",
    station="101",
    address="Abai Ave 1",
):
    born = born or (iin.birth_date(number).isoformat() if iin.is_valid(number) else "1985-03-14")
    return [number, last, first, middle, born, code, station, address]


def write(path, rows, *, delimiter=",", bom=False, header=COLUMNS):
    with open(path, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path
