"""Reading the text of the PDFs the app makes (fpdf2, uncompressed under the test config)."""

import re


def pdf_text(content: bytes) -> str:
    """The text of an uncompressed fpdf2 PDF with one embedded font, decoded through the
    font's ToUnicode map (fpdf2 writes glyph numbers, not characters)."""
    cmap = {}
    for block in re.findall(rb"beginbfchar\n(.*?)endbfchar", content, re.S):
        for code, char in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]+)>", block):
            cmap[int(code, 16)] = bytes.fromhex(char.decode()).decode("utf-16-be")
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    lines = []
    for raw in re.findall(rb"\((.*?)(?<!\\)\) Tj", content, re.S):
        data = re.sub(rb"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), raw, flags=re.S)
        codes = [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]
        lines.append("".join(cmap.get(code, "?") for code in codes))
    return "\n".join(lines)


def page_count(content: bytes) -> int:
    """How many pages the PDF has (fpdf2 writes one ``/Type /Page`` object per page)."""
    return len(re.findall(rb"/Type /Page\b", content))
