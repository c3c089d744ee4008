"""The dyad report page: its sections filled into warehouse/templates/report.html with every script, style and datum inline."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

import pandas as pd

from warehouse.report_assets import data_json, fill, template, vega_bundle
from warehouse.report_charts import PERIOD_SIGNAL, actors_spec, matrix_spec, series_spec
from warehouse.report_events import event_groups, pair_anchor

if TYPE_CHECKING:
    from warehouse.report import PairData, ReportOptions

_FREQ_WORDS = {"month": "monthly", "quarter": "quarterly", "year": "yearly"}


def country_name(code: str) -> str:
    """The English short name of a 3-letter country code, or '' for an actor prefix or an unknown code."""
    import pycountry

    if len(code) != 3:
        return ""
    country = pycountry.countries.get(alpha_3=code)
    return str(getattr(country, "common_name", None) or country.name) if country else ""


def _side_title(codes: list[str]) -> str:
    names = [n for n in (country_name(c) for c in codes) if n]
    label = ",".join(codes)
    return f"{escape(label)} <small>{escape(', '.join(names))}</small>" if names else escape(label)


def _span(series: pd.DataFrame) -> str:
    rows = series[series["events"] > 0]
    first, last = rows["period_label"].iloc[0], rows["period_label"].iloc[-1]
    return first if first == last else f"{first} to {last}"


def _lede(pair: PairData, labels: list[str]) -> str:
    series = pair.series
    parts = []
    for direction in (f"{labels[pair.a]} → {labels[pair.b]}", f"{labels[pair.b]} → {labels[pair.a]}"):
        rows = series[series["direction"] == direction]
        parts.append(f"{escape(direction)}: {int(rows['events'].sum())}")
    both = series[series["direction"] == "both"]
    events = int(both["events"].sum())
    coop = both["verbal_coop"].sum() + both["material_coop"].sum() - both["verbal_conflict"].sum() - both["material_conflict"].sum()
    return (
        f"<strong>{events}</strong> events, {escape(_span(series))} ({'; '.join(parts)}), "
        f"Goldstein sum <strong>{both['goldstein_sum'].sum():+.1f}</strong>, "
        f"cooperation index <strong>{coop / events:+.2f}</strong> over the span."
    )


def pair_section(
    number: int, pair: PairData, sides: list[list[str]], opts: ReportOptions, *, titled: bool = True
) -> tuple[str, list[dict[str, object]]]:
    """A pair's section (title unless the page's, summary, chart slots, the event list) and the chart specs for its slots."""
    labels = [",".join(s) for s in sides]
    anchor = pair_anchor(labels[pair.a], labels[pair.b])
    directions = [f"{labels[pair.a]} → {labels[pair.b]}", f"{labels[pair.b]} → {labels[pair.a]}"]
    period_labels = dict(zip(pair.series["period_key"], pair.series["period_label"], strict=False))
    groups, shown = event_groups(pair.events, pair.series, period_labels, [sides[pair.a], sides[pair.b]], opts.freq)
    total = len(pair.events)
    status = (
        f"All {total} events, by period."
        if not shown
        else f"The busiest period, {escape(period_labels.get(shown, shown))}: {int((pair.events['period'] == shown).sum())} of {total} events."
    )
    charts: list[dict[str, object]] = [
        {
            "id": f"chart-{number}-series",
            "kind": "series",
            "pair": anchor,
            "spec": series_spec(pair.series, directions, freq=opts.freq, directed=opts.directed),
        },
    ]
    actors = ""
    if not pair.actors.empty:
        charts.append(
            {
                "id": f"chart-{number}-actors",
                "kind": "actors",
                "pair": anchor,
                "spec": actors_spec(pair.actors, [labels[pair.a], labels[pair.b]]),
            }
        )
        actors = f'<h3>The most active actors</h3><div class="chart" id="chart-{number}-actors"></div>'
    title = f'<h2>{_side_title(sides[pair.a])} <span class="dash">–</span> {_side_title(sides[pair.b])}</h2>' if titled else ""
    html = f"""
<section class="pair" id="{anchor}">
  {title}<p class="lede">{_lede(pair, labels)}</p>
  <div class="chart series" id="chart-{number}-series" role="img" aria-label="series of {escape(anchor)}"></div>
  {actors}
  <h3>The events behind every point</h3>
  <div class="evidence-list" data-pair="{anchor}" data-default="{escape(shown)}" data-total="{total}">
    <div class="controls"><p class="status" aria-live="polite">{status}</p>
      <button type="button" class="show-all">Show every period</button></div>
    <p class="hint">Click a bar in the chart to list that period's events; double-click the chart to come back.</p>
    {groups}
  </div>
</section>"""
    return html, charts


def _matrix_section(cells: pd.DataFrame, sides: list[list[str]], opts: ReportOptions) -> tuple[str, dict[str, object]]:
    labels = [",".join(s) for s in sides]
    spec = matrix_spec(cells, labels, directed=opts.directed)
    return (
        '<section class="matrix"><h2>Pairs at a glance</h2><div class="chart" id="chart-matrix"></div></section>',
        {"id": "chart-matrix", "kind": "matrix", "pair": "", "spec": spec},
    )


def _contents(pairs: list[PairData], labels: list[str]) -> str:
    items = "".join(
        f'<li><a href="#{pair_anchor(labels[p.a], labels[p.b])}">{escape(labels[p.a])} – {escape(labels[p.b])}</a> '
        f'<span class="count">{len(p.events)} events</span></li>'
        for p in pairs
    )
    return f'<nav class="contents"><h2>Pairs with events</h2><ul>{items}</ul></nav>'


def page_html(
    sides: list[list[str]], pairs: list[PairData], opts: ReportOptions, *, warehouse: str = "", matrix: pd.DataFrame | None = None
) -> str:
    """The whole report page: header, the matrix (three sides or more), every pair's section, the inline scripts."""
    labels = [",".join(s) for s in sides]
    charts: list[dict[str, object]] = []
    body = []
    if matrix is not None:
        html, chart = _matrix_section(matrix, sides, opts)
        body.append(html)
        charts.append(chart)
        body.append(_contents(pairs, labels))
    for number, pair in enumerate(pairs, start=1):
        html, specs = pair_section(number, pair, sides, opts, titled=len(sides) > 2)
        body.append(html)
        charts.extend(specs)
    span = ", ".join(x for x in (f"from {opts.start}" if opts.start else "", f"to {opts.end}" if opts.end else "") if x)
    title = " – ".join(labels) + ": events and evidence"
    facts = [f"{_FREQ_WORDS[opts.freq]} periods", "directions apart" if opts.directed else "both directions"]
    if span:
        facts.append(span)
    if warehouse:
        facts.append(f"warehouse {escape(warehouse)}")
    facts.append(f"written {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by dyadflow report")
    return fill(
        "report.html",
        title=escape(title),
        heading=' <span class="dash">–</span> '.join(_side_title(s) for s in sides),
        facts=" · ".join(facts),
        css=template("report.css"),
        body="\n".join(body),
        vega=vega_bundle(),
        data=data_json({"signal": PERIOD_SIGNAL, "charts": charts}),
        script=template("report.js"),
    )
