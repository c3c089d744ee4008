"""PETRARCH 2's internal coding ontology (a suite's ``<PICOfile>``), read for what it says of negation.

Each line ``CODE:VALUE[#VALUE...][#comment]`` gives a CAMEO code's value in the ontology, a sum of hex
terms ("0x1007f", "-0xFFFF+0x0070", "0x1000-0xFFFF"). A negated act is the act's value shifted by
0xFFFF: 110 is 0x1007f, 0x0080 + 0xFFFF, so "did not clash" (110 negated) is 050 (0x0080). PETRARCH 2
codes a negated act as that counterpart; a code with none gives no event.
"""

from __future__ import annotations

import re
from pathlib import Path

from coders.cameo import check_code
from schemas.errors import DictionaryError

NEGATION_SHIFT = 0xFFFF
_LINE = re.compile(r"^([^:\s]+)\s*:\s*(.+)$")
_DIGITS = re.compile(r"\d{2,4}")
_VALUE = re.compile(r"^[-+]?0x[0-9a-f]+(?:[-+]0x[0-9a-f]+)*$", re.IGNORECASE)
_TERM = re.compile(r"[-+]?0x[0-9a-f]+", re.IGNORECASE)


def _value(text: str) -> int | None:
    """The sum of a value's hex terms, or None when the text is no value (a comment)."""
    text = text.strip()
    if not _VALUE.match(text):
        return None
    return sum(int(term, 16) for term in _TERM.findall(text))


def read_values(path: Path) -> dict[str, list[int]]:
    """Each CAMEO code of an ontology file with its values, the first being its own; DictionaryError on a bad line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DictionaryError(f"cannot read the coding ontology: {e.strerror or e}", path=str(path)) from e
    values: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            raise DictionaryError(f"expected CODE:VALUE such as 050:0x0080, got {line[:60]!r}", path=str(path), line=number)
        code, rest = match.groups()
        if not _DIGITS.fullmatch(code):  # PETRARCH's own markers ("---:0", no event) are no CAMEO codes
            continue
        found = [v for v in (_value(part) for part in rest.split("#")) if v is not None]
        if not found:
            raise DictionaryError(f"{code} has no value such as 0x0080", path=str(path), line=number)
        values[code] = found
    return values


def negations(path: Path) -> dict[str, str]:
    """Each code whose negation the ontology names, with the code of its negation ("110" -> "050").

    Codes outside the CAMEO table (the ontology has some of PETRARCH's own) are left out.
    """
    values = read_values(path)
    owner: dict[int, str] = {}
    for code, found in values.items():
        for value in found:
            owner.setdefault(value, code)
    table: dict[str, str] = {}
    for code, found in values.items():
        own = found[0]
        for shifted in (own - NEGATION_SHIFT, own + NEGATION_SHIFT):
            if shifted in owner and owner[shifted] != code:
                table[code] = owner[shifted]
                break
    return {code: other for code, other in table.items() if _cameo(code) and _cameo(other)}


def _cameo(code: str) -> bool:
    try:
        check_code(code)
    except ValueError:
        return False
    return True
