"""Inputs to Documents: find files, decode them, extract text and metadata, reject what cannot be coded."""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import charset_normalizer

from coders import dates, metadata
from coders.markup import HTML_START, Meta, front_matter, html_page, markdown_text
from coders.prose import check_prose
from schemas.errors import InputError
from schemas.records import Document, Reject, RejectReason

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".jsonl"})
SIDECAR_SUFFIX = ".meta.json"  # NAME.meta.json beside a file holds its metadata
STDIN = "-"

# Below this many words a language guess is too weak to reject a document on.
LANGUAGE_MIN_WORDS = 20
LANGUAGE_MIN_CONFIDENCE = 0.95
LANGUAGE_SAMPLE_CHARS = 10_000
# English news is written in the Latin script: a text with fewer Latin letters than this share is not English.
MIN_LATIN_SHARE = 0.5
NO_LANGUAGE = "zxx"
# Decoded text with more control characters than this is a binary file that happened to decode.
MAX_CONTROL_RATIO = 0.01

_WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
_META_FIELDS = ("id", "title", "date", "source", "url", "author", "byline")
_INVISIBLE = dict.fromkeys([*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070), 0xFEFF, 0x00AD, 0x180E])
_CONTROLS = dict.fromkeys(c for c in range(0x20) if chr(c) not in "\t\n")
_FOLD = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_WHITESPACE = re.compile(r"\s+")


class _BadInput(Exception):
    """One input (or JSONL line) to be rejected: carries the reason and the user's message."""

    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


# ---------------------------------------------------------------- discovery


def discover(paths: Sequence[str | Path]) -> Iterator[Path | str]:
    """Input files named by paths: files as given, directories walked (sorted, hidden skipped), "-" for stdin.

    Raises:
        InputError: a path does not exist (reason "missing").
    """
    for arg in paths:
        if str(arg) == STDIN:
            yield STDIN
            continue
        path = Path(arg)
        if path.is_dir():
            yield from _walk(path, set())
        elif path.exists() or path.is_symlink():
            yield path
        else:
            raise InputError("no such file or directory", path=str(path), reason="missing")


def _walk(folder: Path, seen: set[str]) -> Iterator[Path]:
    """Supported files under folder in sorted order; an unlistable folder is yielded to be rejected."""
    real = os.path.realpath(folder)
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(Path(entry.path), seen)
        elif Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES:
            yield Path(entry.path)


def unsupported_files(folder: Path) -> Iterator[Reject]:
    """A Reject for each file under folder that discover passes over for its format (hidden files and
    NAME.meta.json sidecars, read with their document, aside): every file found is read or listed."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            suffix = Path(name).suffix.lower()
            if name.startswith(".") or suffix in SUPPORTED_SUFFIXES or name.lower().endswith(SIDECAR_SUFFIX):
                continue
            yield Reject(
                path=str(Path(root) / name),
                reason="unsupported-format",
                message=f"unsupported format: {suffix or '(no extension)'}; dyadflow reads {', '.join(sorted(SUPPORTED_SUFFIXES))}",
            )


# ---------------------------------------------------------------- reading


def read_inputs(
    paths: Sequence[str | Path], *, default_date: dt.date | None = None, stdin: BinaryIO | None = None
) -> Iterator[Document | Reject]:
    """Every Document and Reject from the inputs named by paths; a missing path is a Reject, the rest goes on."""
    for arg in paths:
        try:
            for source in discover([arg]):
                yield from read_input(source, default_date=default_date, stdin=stdin)
            if str(arg) != STDIN and Path(arg).is_dir():
                yield from unsupported_files(Path(arg))
        except InputError as error:
            yield Reject(path=error.path or str(arg), line=error.line, reason=error.reason, message=error.detail)


def read_input(source: Path | str, *, default_date: dt.date | None = None, stdin: BinaryIO | None = None) -> Iterator[Document | Reject]:
    """Documents read from one file (or "-" for stdin), or Rejects saying why not; never raises for bad content.

    Args:
        source: a file path, or "-" to read stdin (JSONL if its first line is a JSON object).
        default_date: the date of documents that state none of their own (the user's --date).
        stdin: the byte stream to read for "-" (sys.stdin by default).

    Yields:
        One Document per file, or per JSONL line; a Reject (reason binary, empty, unreadable, bad-json,
        bad-date, not-english or not-prose) for each input or line that cannot be coded.
    """
    name = str(source)
    try:
        data = (stdin or sys.stdin.buffer).read() if name == STDIN else _read_file(Path(source))
    except OSError as error:
        yield Reject(path=name, reason="unreadable", message=f"cannot read it: {error.strerror or error}")
        return
    except _BadInput as bad:
        yield Reject(path=name, reason=bad.reason, message=bad.message)
        return
    try:
        text = _decode(data)
        suffix = "" if name == STDIN else Path(source).suffix.lower()
        if suffix == ".jsonl" or (name == STDIN and _looks_like_jsonl(text)):
            yield from _read_jsonl(text, name, default_date)
            return
        meta = _sidecar(Path(source)) if name != STDIN else Meta()
        yield _accept(_document_from_file(text, name, suffix, meta, default_date), name)
    except _BadInput as bad:
        yield Reject(path=name, reason=bad.reason, message=bad.message)


def _read_file(path: Path) -> bytes:
    """The bytes of a regular file; a pipe, device or folder is never read (it could block or never end).

    Raises:
        OSError: the file cannot be opened or read.
        _BadInput: reason "unreadable", when the path is not a regular file.
    """
    # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then tells what was opened.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        os.close(fd)
        raise
    if not regular:
        os.close(fd)
        raise _BadInput("unreadable", "is not a regular file (a pipe, device or folder), so it is not read")
    with os.fdopen(fd, "rb") as file:
        return file.read()


def _decode(data: bytes) -> str:
    """Text of a file's bytes: a BOM or UTF-8 if valid, else the encoding charset-normalizer detects.

    Raises:
        _BadInput: reason "empty" or "binary".
    """
    if not data.strip():
        raise _BadInput("empty", "the file is empty" if not data else "the file holds only whitespace")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    ):  # fmt: skip
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding))
            except UnicodeDecodeError as error:
                message = f"starts with a {encoding} byte-order mark but does not decode: {error.reason}"
                raise _BadInput("binary", message) from error
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise _BadInput("binary", "holds NUL bytes: a binary file, not text")
        return _check_text(text)
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise _BadInput("binary", "is not text in any encoding that could be detected")
    # Short English texts fit several code pages equally well; English news is most often Windows-1252.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    best = next((m for m in tied if m.encoding in _WESTERN_ENCODINGS), best)
    return _check_text(str(best))


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 bytes without a byte-order mark, recognized by a NUL in nearly every other byte."""
    half = len(data) // 2
    if len(data) % 2 or not half:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    for encoding, nuls, others in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        if nuls >= 0.9 * half and others == 0:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _check_text(text: str) -> str:
    if not text.strip():
        raise _BadInput("empty", "the file holds only whitespace")
    controls = sum(1 for char in text if ord(char) in _CONTROLS and char not in "\r\f\v")
    if controls > MAX_CONTROL_RATIO * len(text):
        raise _BadInput("binary", "is full of control characters: a binary file, not text")
    return text


def _document_from_file(text: str, name: str, suffix: str, meta: Meta, default_date: dt.date | None) -> Document:
    """A Document from one file's decoded text, by its kind: HTML, Markdown or plain text."""
    if suffix in (".html", ".htm") or HTML_START.match(text):
        page = html_page(text)
        text, meta = page.text, _merge(meta, page.meta)
    elif suffix == ".md":
        fields, text = front_matter(text)
        text, meta = markdown_text(text), _merge(meta, _meta_from(fields, where="front matter"))
    _check_prose(text)
    return document_from_text(
        text, path=name, input_id=meta.input_id, title=meta.title, date=meta.date, source=meta.source,
        url=meta.url, byline=meta.byline, default_date=default_date,
    )  # fmt: skip


def _check_prose(text: str) -> None:
    """Raise _BadInput "not-prose" when the text, lines as written, is a table, a log or code rather than prose."""
    shape = check_prose(text)
    if shape.kind is not None:
        raise _BadInput("not-prose", f"not prose: the text is {shape.kind} ({shape.detail}), not a news article")


def _accept(document: Document, path: str, line: int | None = None) -> Document | Reject:
    """The document marked English, or a Reject when it is empty or confidently in another language."""
    if not document.text.strip():
        return Reject(path=path, line=line, reason="empty", message="no text besides the header lines")
    if not any(char.isalnum() for char in document.text):
        return Reject(path=path, line=line, reason="empty", message="no words, only punctuation or symbols")
    language = detect_language(document.text)
    if language is not None and language != "en":
        message = f"the text is in another language ({language}); dyadflow codes English news"
        return Reject(path=path, line=line, reason="not-english", message=message)
    document.language = "en"
    return document


def detect_language(text: str) -> str | None:
    """The language of text (ISO 639-1) when it is clear, else None.

    A text whose letters are mostly not Latin is not English whatever its length (its language is
    py3langid's best guess, "und" if that guess is English); otherwise texts of fewer than
    LANGUAGE_MIN_WORDS words are None, longer ones py3langid's guess when it is confident.
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if latin_share(sample) < MIN_LATIN_SHARE:
        language, _ = _language_identifier().classify(sample)
        return str(language) if language not in ("en", NO_LANGUAGE) else "und"
    if len(sample.split()) < LANGUAGE_MIN_WORDS:
        return None
    language, confidence = _language_identifier().classify(sample)
    # "zxx" (no linguistic content) is what numbers and tables look like: no reason to reject a text.
    return str(language) if confidence >= LANGUAGE_MIN_CONFIDENCE and language != NO_LANGUAGE else None


def latin_share(text: str) -> float:
    """The share of text's letters that are Latin (1.0 for a text without letters)."""
    letters = latin = 0
    for char in text:
        if char.isalpha():
            letters += 1
            latin += char < "\u0250" or "LATIN" in unicodedata.name(char, "")
    return latin / letters if letters else 1.0


@functools.cache
def _language_identifier() -> Any:
    """py3langid's model, kept unpacked between processes: 0.1 s to read where unpacking it takes over a second."""
    from importlib.metadata import version

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from coders.data_cache import cache_file, cached

    path = cache_file("langid", [], f"{version('py3langid')}|norm_probs")
    return cached(path, LanguageIdentifier, lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))


# ---------------------------------------------------------------- JSONL


def _looks_like_jsonl(text: str) -> bool:
    first = next((line for line in text.split("\n") if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _read_jsonl(text: str, name: str, default_date: dt.date | None) -> Iterator[Document | Reject]:
    """One Document per JSONL line with a "text", one Reject per line without one."""
    seen_any = False
    # Not splitlines(): JSON strings may hold U+2028 and other line separators unescaped.
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        seen_any = True
        try:
            record = _json_record(line)
            meta = _meta_from(record, where="the record")
            _check_prose(record["text"])
            document = document_from_text(
                record["text"], path=f"{name}:{number}", input_id=meta.input_id, title=meta.title, date=meta.date,
                source=meta.source, url=meta.url, byline=meta.byline, default_date=default_date,
            )  # fmt: skip
        except _BadInput as bad:
            yield Reject(path=name, line=number, reason=bad.reason, message=bad.message)
            continue
        yield _accept(document, name, number)
    if not seen_any:
        yield Reject(path=name, reason="empty", message="the file holds only blank lines")


def _json_record(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except ValueError as error:
        raise _BadInput("bad-json", f"not valid JSON: {error}") from error
    if not isinstance(record, dict):
        raise _BadInput("bad-json", f"a JSON {type(record).__name__}, not an object")
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        raise _BadInput("bad-json", 'has no "text": each line needs a non-empty string "text"')
    return record


def _meta_from(fields: dict[str, Any], *, where: str) -> Meta:
    """Metadata from a JSON object or front matter; a field of the wrong type or an unreadable date is rejected."""
    values: dict[str, str | None] = {}
    for key in _META_FIELDS:
        value = fields.get(key)
        if isinstance(value, int | float) and key == "id" and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            raise _BadInput("bad-json", f'"{key}" in {where} must be a string, not {type(value).__name__}')
        values[key] = value.strip() if value and value.strip() else None
    date = None
    if values["date"]:
        date = dates.parse_date_value(values["date"])
        if date is None:
            raise _BadInput("bad-date", f'"date" in {where} is not a full date: {values["date"]!r} (use YYYY-MM-DD)')
    return Meta(
        input_id=values["id"], title=values["title"], date=date, source=values["source"], url=values["url"],
        byline=values["author"] or values["byline"],
    )  # fmt: skip


def _merge(first: Meta, second: Meta) -> Meta:
    """first's fields, with second's where first has none."""
    return Meta._make(a if a is not None else b for a, b in zip(first, second, strict=True))


def _sidecar(path: Path) -> Meta:
    """Metadata from NAME.meta.json (or NAME.ext.meta.json) beside a file, if there is one."""
    for candidate in (path.with_name(path.stem + ".meta.json"), path.with_name(path.name + ".meta.json")):
        try:
            raw = _read_file(candidate)
        except (OSError, _BadInput):
            continue
        try:
            fields = json.loads(raw)
        except ValueError as error:
            raise _BadInput("bad-json", f"its metadata file {candidate.name} is not valid JSON: {error}") from error
        if not isinstance(fields, dict):
            raise _BadInput("bad-json", f"its metadata file {candidate.name} is not a JSON object")
        return _meta_from(fields, where=candidate.name)
    return Meta()


# ---------------------------------------------------------------- documents


def make_doc_id(text: str) -> str:
    """Id of an article body: the same text with other whitespace, quotes, dashes or case has the same id."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD)
    normalized = _WHITESPACE.sub(" ", folded).strip().lower()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:20]


def clean_text(text: str) -> str:
    """Text with Unix newlines and without invisible (zero-width, bidi, soft hyphen) or control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\f", "\n\n")
    return text.translate(_INVISIBLE).translate(_CONTROLS)


def document_from_text(
    text: str,
    *,
    path: str,
    input_id: str | None = None,
    title: str | None = None,
    date: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    byline: str | None = None,
    default_date: dt.date | None = None,
) -> Document:
    """A Document from an article's text: header lines read and removed, dated, its id from the body.

    Given metadata (title, date, source, url, byline) wins over what the header lines say; the date
    follows metadata.document_date's precedence, with `date` as the given date.
    """
    header = metadata.split_header(clean_text(text))
    title = title or header.title
    body = _without_title(header.body, title)
    doc_date, date_source = metadata.document_date(header, body, given=date, default_date=default_date)
    return Document(
        doc_id=make_doc_id(body),
        input_id=input_id,
        path=path,
        title=title,
        byline=byline or header.byline,
        source=source or header.source,
        url=url or header.url,
        dateline=header.dateline,
        doc_date=doc_date,
        date_source=date_source,
        text=body,
    )


def _without_title(body: str, title: str | None) -> str:
    """The body without a first paragraph that only repeats the title (an HTML page's <h1>)."""
    first, _, rest = body.partition("\n\n")
    if title and _squash(first) == _squash(title):
        return rest
    return body


def _squash(text: str) -> str:
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD)).strip().lower()
