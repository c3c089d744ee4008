"""The evidence list of a dyad report: a pair's events as HTML, grouped by period, each with its sentence and article."""

from __future__ import annotations

import re
from html import escape
from pathlib import PurePath

import pandas as pd

SHOW_ALL_MAX = 300
"""Up to this many events, the page opens with every period listed; above, with the busiest period's events."""
LISTED_MAX = 250
"""The most events listed under one period; the rest are counted, with the query that lists them."""
PAGE_LISTED_MAX = 5000
"""The most events a pair lists over all its periods (each period then lists an equal share, at least 25)."""
PLACE_COLUMNS = ("action_geo_name", "action_geo_country")
"""The columns of an event's place, when the warehouse's events carry them."""


def pair_anchor(a: str, b: str) -> str:
    """The id of a pair's section in the page, e.g. 'pair-UZB-KAZ'."""
    return "pair-" + re.sub(r"[^A-Za-z0-9+-]", "", f"{a}-{b}".replace(",", "+"))


def mark_trigger(sentence: str, trigger: str) -> str:
    """The sentence as HTML with the trigger's words in <mark>: the whole trigger where it occurs, else each word once."""
    words = [w for w in re.split(r"\s+", trigger.strip()) if w]
    if not words:
        return escape(sentence)
    whole = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", sentence, flags=re.IGNORECASE)
    spans = [whole.span()] if whole else []
    if not spans:
        for word in words:
            found = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", sentence, flags=re.IGNORECASE)
            if found:
                spans.append(found.span())
    out, last = [], 0
    for start, end in sorted(set(spans)):
        if start < last:
            continue
        out.append(escape(sentence[last:start]))
        out.append(f"<mark>{escape(sentence[start:end])}</mark>")
        last = end
    out.append(escape(sentence[last:]))
    return "".join(out)


def _actor(code: str, text: object) -> str:
    words = f'<span class="as-written">{escape(str(text))}</span>' if isinstance(text, str) and text else ""
    return f'<span class="code">{escape(code)}</span>{words}'


def _goldstein(value: float) -> str:
    kind = "pos" if value > 0 else "neg" if value < 0 else "zero"
    return f'<td class="num g-{kind}">{value:+.1f}</td>'


def _article(row: pd.Series) -> str:
    title = row.get("title")
    if not isinstance(title, str) or not title.strip():
        path = row.get("doc_path")
        title = PurePath(str(path)).name if isinstance(path, str) and path else str(row["doc_id"])[:12]
    outlet = row.get("outlet")
    url = row.get("url")
    name = f"<cite>{escape(title)}</cite>"
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        name = f'<a href="{escape(url)}" rel="noreferrer noopener" target="_blank">{name}</a> <span class="url">{escape(url)}</span>'
    more = f" — {escape(outlet)}" if isinstance(outlet, str) and outlet else ""
    return f"{name}{more}"


def _place(row: pd.Series) -> str:
    name, country = row.get(PLACE_COLUMNS[0]), row.get(PLACE_COLUMNS[1])
    text = name if isinstance(name, str) and name else ""
    if isinstance(country, str) and country and country not in text:
        text = f"{text} ({country})" if text else country
    return f"<td>{escape(text)}</td>"


def event_row(row: pd.Series, *, with_place: bool) -> str:
    """One event as a table row: date, source, CAMEO code and name, target, Goldstein, place, the marked sentence, rule and article."""
    place = _place(row) if with_place else ""
    return (
        f'<tr data-event="{escape(str(row["event_id"]))}">'
        f'<td class="date">{escape(str(row["event_date"]))}</td>'
        f"<td>{_actor(row['source_actor'], row.get('source_text'))}</td>"
        f'<td><span class="code">{escape(row["event_code"])}</span> {escape(row["event_name"])}</td>'
        f"<td>{_actor(row['target_actor'], row.get('target_text'))}</td>"
        f"{_goldstein(float(row['goldstein']))}{place}"
        f'<td class="evidence"><q>{mark_trigger(str(row["sentence"]), str(row["trigger"]))}</q>'
        f'<div class="meta">rule <span class="code">{escape(str(row["rule"]))}</span> · {_article(row)}</div></td>'
        "</tr>"
    )


def _header(with_place: bool) -> str:
    cells = [
        "date",
        "source",
        "event",
        "target",
        "Goldstein",
        *(["place"] if with_place else []),
        "sentence (trigger marked) · rule · article",
    ]
    return "<thead><tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr></thead>"


def _events(count: int, noun: str = "event") -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _summary(both: pd.Series | None, count: int) -> str:
    parts = [_events(count)]
    if both is not None:
        parts.append(f"Goldstein sum {float(both['goldstein_sum']):+.1f}")
        if pd.notna(both["coop_index"]):
            parts.append(f"cooperation index {float(both['coop_index']):+.2f}")
    return " · ".join(parts)


def busiest_period(events: pd.DataFrame) -> str:
    """The period key with the most events (the earliest of a tie)."""
    counts = events.groupby("period").size()
    return str(counts[counts == counts.max()].index.min())


def sides_sql(sides: list[list[str]]) -> str:
    """The sides as a SQL list literal for dyad_events, e.g. [['UZB'], ['KAZ']]."""
    return "[" + ", ".join("[" + ", ".join(f"'{c}'" for c in side) + "]" for side in sides) + "]"


def event_groups(events: pd.DataFrame, series: pd.DataFrame, labels: dict[str, str], sides: list[list[str]], freq: str) -> tuple[str, str]:
    """A pair's events as HTML period groups, and the period shown on load ('' when every period is).

    series gives each period's totals (its 'both' rows); labels maps a period key to its label; sides and
    freq make the query that lists the events of a period too long to list here.
    """
    with_place = PLACE_COLUMNS[0] in events.columns and bool(events[PLACE_COLUMNS[0]].notna().any())
    both = series[series["direction"] == "both"].set_index("period_key")
    shown = "" if len(events) <= SHOW_ALL_MAX else busiest_period(events)
    groups = []
    per_period = min(LISTED_MAX, max(25, PAGE_LISTED_MAX // max(events["period"].nunique(), 1)))
    for period, rows in events.groupby("period", sort=True):
        label = labels.get(str(period), str(period))
        total = both.loc[period] if period in both.index else None
        listed = rows.sort_values(["event_date", "doc_id", "sentence_index"], kind="stable").head(per_period)
        body = "".join(event_row(row, with_place=with_place) for _, row in listed.iterrows())
        more = ""
        if len(rows) > per_period:
            query = f"select * from dyad_events({sides_sql(sides)}, freq := '{freq}') where period = '{period}'"
            more = (
                f'<p class="more">… and {_events(len(rows) - per_period, "more event")} in {escape(label)}; all of them: '
                f'<code>dyadflow sql "{escape(query)}"</code></p>'
            )
        hidden = " hidden" if shown and period != shown else ""
        groups.append(
            f'<section class="period" data-period="{escape(str(period))}" data-count="{len(rows)}"{hidden}>'
            f'<h4>{escape(label)} <span class="totals">{_summary(total, len(rows))}</span></h4>'
            f'<table class="events">{_header(with_place)}<tbody>{body}</tbody></table>{more}</section>'
        )
    return "".join(groups), shown
