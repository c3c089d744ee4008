"""Whether a text is prose (news) rather than a table, a log or program code that was saved as text.

A general test over the text's lines, no list of formats: a log has most lines start with a
timestamp; a table has most lines split by the same number of one delimiter; code is dense in
brackets, operators and underscores; and a text where most tokens are not words is no prose either.
A text whose lines are mostly sentences (several words and a full stop) is prose whatever else it holds.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

# Texts of fewer non-blank lines are too short to judge and are taken as prose.
MIN_LINES = 3
# Share of the text (by characters) in sentence lines above which it is prose.
PROSE_SHARE = 0.5
# Share of lines that start with a timestamp above which the text is a log.
LOG_SHARE = 0.5
# Share of lines with the same count (at least 2) of one delimiter above which the text is a table.
TABLE_SHARE = 0.6
# Share of characters that are code symbols above which the text is code.
CODE_SYMBOLS = 0.04
# Share of tokens that are words below which the text is no prose.
MIN_WORD_SHARE = 0.5

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?:\s|$)")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*[.,;:!?\"'”’)]*", re.UNICODE)
_TIMESTAMP = re.compile(
    r"^\s*[\[(]?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}(?::\d{2})?"
    r"|[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2})|^\s*\[?(?:DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL|TRACE)\b"
)
_DELIMITERS = (",", ";", "\t", "|")
_CODE_SYMBOLS = frozenset("{}[]()<>=;_#$@\\/*&|+^~`")
_MIN_SENTENCE_WORDS = 6


class ProseCheck(NamedTuple):
    """What a text looks like: None when prose, else the kind it is ('a table', 'a log', 'code', ...)."""

    kind: str | None
    detail: str = ""


def _is_sentence_line(line: str) -> bool:
    return len(line.split()) >= _MIN_SENTENCE_WORDS and _SENTENCE_END.search(line) is not None


def check_prose(text: str) -> ProseCheck:
    """Whether text reads as prose; if not, what it looks like and the figure that says so."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < MIN_LINES:
        return ProseCheck(None)
    n = len(lines)
    stamped = sum(1 for line in lines if _TIMESTAMP.match(line)) / n
    if stamped >= LOG_SHARE:
        return ProseCheck("a log", f"{stamped:.0%} of its lines start with a time or a log level")
    total = sum(len(line) for line in lines)
    prose = sum(len(line) for line in lines if _is_sentence_line(line)) / total
    if prose >= PROSE_SHARE:
        return ProseCheck(None)
    for delimiter in _DELIMITERS:
        counts = Counter(line.count(delimiter) for line in lines)
        count, lines_with = max(((c, k) for c, k in counts.items() if c >= 2), key=lambda ck: ck[1], default=(0, 0))
        if lines_with / n >= TABLE_SHARE:
            name = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}[delimiter]
            return ProseCheck("a table", f"{lines_with / n:.0%} of its lines hold {count} {name}s")
    symbols = sum(1 for char in text if char in _CODE_SYMBOLS) / max(1, sum(1 for char in text if not char.isspace()))
    if symbols >= CODE_SYMBOLS:
        return ProseCheck("code", f"{symbols:.0%} of its characters are brackets, operators or underscores")
    tokens = text.split()
    words = sum(1 for token in tokens if _WORD.fullmatch(token)) / max(1, len(tokens))
    if words < MIN_WORD_SHARE:
        return ProseCheck("no prose", f"only {words:.0%} of its tokens are words")
    return ProseCheck(None)
