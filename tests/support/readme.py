"""The README's tables and sentences, read the way a newcomer reads them."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def text() -> str:
    return README.read_text(encoding="utf-8")


def table_after(heading: str) -> list[dict[str, str]]:
    """The first Markdown table after the line ``heading``, as rows of {column: cell}."""
    lines = text().splitlines()
    start = lines.index(heading)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    header, _rule, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def _split_latin(cell: str) -> tuple[str, str | None]:
    """ "Сынақова (Synakova)" -> ("Сынақова", "Synakova")."""
    match = re.fullmatch(r"(.+?) \((.+)\)", cell)
    return (match.group(1), match.group(2)) if match else (cell, None)


def newcomer_rows() -> list[dict[str, str]]:
    """The demo voters for newcomers; names split from their Latin forms, constituencies as
    their codes."""
    rows = []
    for row in table_after("### Demo voters for newcomers"):
        surname, latin = _split_latin(row["surname"])
        first_name, _ = _split_latin(row["first name"])
        code = re.search(r"`([A-Z0-9-]+)`", row["constituency"]).group(1)
        rows.append(
            {
                **row,
                "surname": surname,
                "surname (latin)": latin,
                "first name": first_name,
                "constituency": code,
            }
        )
    return rows
