"""What an article says about itself: header lines (title, byline, publication, dateline) and its date."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel

from coders import dates
from schemas.records import DateSource

# Header lines are looked for only among the first few lines of a text.
MAX_HEADER_LINES = 8
MAX_TITLE_WORDS = 14
# A block whose lines run longer than this was not hard-wrapped: each line is a paragraph.
WRAP_WIDTH = 100

# Publications that number volumes by year: the year before volume 1.
_VOLUME_EPOCHS = {"eurasia daily monitor": 2003}

_KEYS = {
    "publication": "source", "source": "source", "newspaper": "source", "publisher": "source", "outlet": "source",
    "volume": "volume", "vol": "volume", "issue": "issue", "no": "issue", "number": "issue",
    "date": "date", "published": "date", "posted": "date", "dateline": "date",
    "title": "title", "headline": "title",
    "author": "byline", "byline": "byline", "by": "byline",
    "url": "url", "link": "url",
}  # fmt: skip
_KEY = re.compile(r"\b(" + "|".join(sorted(_KEYS, key=len, reverse=True)) + r")\.?\s*:\s*", re.IGNORECASE)
_NAME_WORD = r"(?:[A-Z][\w.'’-]*|de|del|da|van|von|al|bin|ibn|la|le|and|&)"
_BYLINE = re.compile(rf"^[Bb][Yy]:?\s+(?P<name>[A-Z][\w.'’-]*(?:\s+{_NAME_WORD}){{0,7}})\s*(?:(?:,|\||/|[-–—])\s*(?P<org>.+))?$")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])\.$")
_LOWER_WORD = re.compile(r"(?<![\w'’-])(?!(?:of|the|and|for|de|du|in|on|at)\b)[a-z]+\b")
_NOT_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
_ROLE = re.compile(r"(?i)\b(?:correspondent|writer|reporter|editor|staff|contributor|analyst|columnist|bureau)s?\b")
_DATELINE_NOISE = re.compile(
    r"(?i)\b(?:published|updated|posted|last\s+modified|on|at)\b|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b"
    r"|T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|\b(?:GMT|UTC|[ECMP][SD]T|MSK|CET|CEST|BST)\b|[^\w]|_"
)
# "MOSCOW, Feb. 6 (Reuters) - " opening the first paragraph of a wire story.
_WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'/-]{2,40})(?:,\s*[A-Z][\w .,]{0,30}?)?\s*\((?P<agency>[A-Za-z][\w .&/-]{1,30})\)\s*[-–—]+\s*"
)
# "NUKUS, May 5 - " or "ASTANA, Kazakhstan, Jan. 12 — ": a dateline with a date and no agency.
_DATED_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'/-]{2,40})(?:,\s*(?P<region>[A-Z][a-z][\w .]{0,25}?))?,\s*"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?\s*[-–—]+\s+"
)
_BULLET = re.compile(r"^[-*•·▪]\s+")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


class Header(BaseModel):
    """An article's header lines, read and removed, and the body left without them."""

    title: str | None = None
    byline: str | None = None
    source: str | None = None
    url: str | None = None
    dateline: str | None = None
    volume: int | None = None
    issue: int | None = None
    date: dt.date | None = None
    body: str = ""


def _key_values(line: str) -> dict[str, str] | None:
    """The fields of a line made only of "Key: value" pairs, or None."""
    keys = list(_KEY.finditer(line))
    if not keys or keys[0].start() != 0 or len(line) > 300:
        return None
    fields: dict[str, str] = {}
    for key, following in zip(keys, [*keys[1:], None], strict=True):
        value = line[key.end() : following.start() if following else len(line)].strip().rstrip(",;|")
        fields.setdefault(_KEYS[key.group(1).lower()], value.strip())
    return fields


def _dateline(line: str) -> dt.date | None:
    """The date of a line that is only a date (with weekday, time or 'Published' around it), else None."""
    if len(line) > 80:
        return None
    mentions = dates.find_dates(line)
    if len(mentions) != 1 or mentions[0].precision != "day":
        return None
    mention = mentions[0]
    rest = line[: mention.start] + " " + line[mention.end :]
    return mention.date if not _DATELINE_NOISE.sub("", rest) else None


def _byline(line: str) -> tuple[str, str | None] | None:
    """(author, organisation) of a "By John Smith, Reuters" line, else None."""
    match = _BYLINE.match(line)
    # "By Monday, Russia had withdrawn." is a sentence: a byline does not end like one.
    if not match or len(line.split()) > 14 or line.endswith(("!", "?", ";", ":")) or _SENTENCE_END.search(line):
        return None
    name, org = match.group("name").rstrip(" ,"), match.group("org")
    if name.split()[0].lower() in _NOT_NAMES:
        return None
    if org and _ROLE.search(org):
        org = None
    if org and (_LOWER_WORD.search(org) or len(org.split()) > 6):
        return None
    return name, org


def _is_title(line: str, *, next_blank: bool, more_follows: bool) -> bool:
    """A headline: short, standing alone above the text, not ending like a sentence."""
    words = line.split()
    return (
        next_blank
        and more_follows
        and 0 < len(words) <= MAX_TITLE_WORDS
        and not line.endswith((".", ",", ";", ":"))
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'")
    )


def _as_int(value: str | None) -> int | None:
    digits = re.search(r"\d+", value or "")
    return int(digits.group()) if digits else None


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of text: blank lines, quoted blocks and list items separate them; wrapped lines are joined."""
    blocks: list[list[str]] = [[]]
    previous_quoted = False
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        quoted = line.startswith(">")
        if quoted:
            line = line.lstrip("> ").strip()
        if not line:
            blocks.append([])
            previous_quoted = False
            continue
        bullet = _BULLET.match(line)
        if bullet:
            line = line[bullet.end() :]
        if quoted != previous_quoted or bullet:
            blocks.append([])
        blocks[-1].append(line)
        previous_quoted = quoted
    paragraphs = []
    for block in filter(None, blocks):
        if max(len(line) for line in block[:-1] or [""]) > WRAP_WIDTH:
            paragraphs.extend(block)
        else:
            paragraphs.append(_join_wrapped(block))
    return paragraphs


def _join_wrapped(lines: list[str]) -> str:
    """One paragraph from hard-wrapped lines; a word hyphenated at a line end is joined back."""
    joined = lines[0]
    for line in lines[1:]:
        if joined.endswith("-") and joined[-2:-1].isalpha() and line[:1].islower():
            joined += line
        else:
            joined += " " + line
    return joined


def split_header(text: str) -> Header:
    """Read the header lines at the top of an article, remove them, and tidy the body's paragraphs.

    Recognized, among the first lines only: "Key: value" lines (Publication, Source, Volume, Issue,
    Date, Title, Author, URL; several on one line), "By John Smith[, Reuters]" bylines, a date alone on
    its line, and a short title line standing first above a blank line. A wire dateline such as
    "MOSCOW, Feb. 6 (Reuters) -" opening the body is removed and gives the source.

    Returns:
        The header fields found and the body: paragraphs separated by one blank line, wrapped lines joined.
    """
    lines = text.split("\n")
    fields: dict[str, str] = {}
    header_date: dt.date | None = None
    seen = 0
    i = 0
    while i < len(lines) and seen < MAX_HEADER_LINES:
        line = _SPACES.sub(" ", lines[i]).strip()
        if not line:
            i += 1
            continue
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        if (pairs := _key_values(line)) is not None:
            for key, value in pairs.items():
                fields.setdefault(key, value)
        elif (byline := _byline(line)) is not None:
            fields.setdefault("byline", byline[0])
            if byline[1]:
                fields.setdefault("source", byline[1])
        elif (date := _dateline(line)) is not None:
            header_date = header_date or date
        elif seen == 0 and _is_title(line, next_blank=next_blank, more_follows=any(s.strip() for s in lines[i + 1 :])):
            fields["title"] = line.strip("#").strip()
        else:
            break
        seen += 1
        i += 1
    paragraphs = _paragraphs("\n".join(lines[i:]))
    if paragraphs and (wire := _WIRE_DATELINE.match(paragraphs[0])):
        fields.setdefault("source", wire.group("agency").strip())
        fields.setdefault("dateline", wire.group("place").strip())
        paragraphs[0] = paragraphs[0][wire.end() :]
    elif paragraphs and (dated := _DATED_DATELINE.match(paragraphs[0])):
        place, region = dated.group("place").strip(), dated.group("region")
        fields.setdefault("dateline", f"{place}, {region.strip()}" if region else place)
        paragraphs[0] = paragraphs[0][dated.end() :]
    if header_date is None and fields.get("date"):
        header_date = dates.parse_date_value(fields["date"])
    return Header(
        title=fields.get("title") or None,
        byline=fields.get("byline") or None,
        source=fields.get("source") or None,
        url=fields.get("url") or None,
        dateline=fields.get("dateline") or None,
        volume=_as_int(fields.get("volume")),
        issue=_as_int(fields.get("issue")),
        date=header_date,
        body="\n\n".join(p for p in paragraphs if p),
    )


def nth_weekday(year: int, n: int) -> dt.date | None:
    """The n-th Monday-to-Friday day of year (1-based), or None past the year's end."""
    day = dt.date(year, 1, 1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    weeks, extra = divmod(n - 1, 5)
    day += dt.timedelta(weeks=weeks)
    for _ in range(extra):
        day += dt.timedelta(days=3 if day.weekday() == 4 else 1)
    return day if n >= 1 and day.year == year else None


def volume_year(header: Header) -> int | None:
    """The year of a volume-numbered publication's issue (Eurasia Daily Monitor: volume N is 2003 + N)."""
    if header.volume is None or not header.source:
        return None
    epoch = _VOLUME_EPOCHS.get(" ".join(header.source.lower().split()))
    return epoch + header.volume if epoch is not None else None


def document_date(header: Header, body: str, *, given: dt.date | None, default_date: dt.date | None) -> tuple[dt.date | None, DateSource]:
    """The date of a document and where it came from, by this precedence.

    1. `given`: a date the input states as metadata (JSONL, front matter, sidecar, HTML meta) -> "given".
    2. A full date among the header lines -> "header".
    3. A volume-numbered publication (Eurasia Daily Monitor: volume N is the year 2003 + N) -> "header":
       the latest full date the body reports within that year (month-days without a year taken in it;
       dates a sentence announces as still to come left out),
       else the issue number counted as the N-th weekday of that year.
    4. `default_date` (the user's --date), which applies only to inputs without a date of their own -> "given".
    5. The latest full date the body reports (with its year; announced future dates left out) -> "inferred".
    6. Otherwise (None, "unknown").
    """
    if given is not None:
        return given, "given"
    if header.date is not None:
        return header.date, "header"
    if (year := volume_year(header)) is not None:
        stated = dates.dates_in_year(body, year, past_only=True)
        if stated:
            return max(stated), "header"
        if header.issue is not None and (issue_day := nth_weekday(year, header.issue)) is not None:
            return issue_day, "header"
    if default_date is not None:
        return default_date, "given"
    if (latest := dates.latest_full_date(body, past_only=True)) is not None:
        return latest, "inferred"
    return None, "unknown"
