"""The charts of a dyad report as Vega-Lite specifications, built with altair: series, actors and the pair matrix.

The page (warehouse/report.py) embeds them with vega-embed; the inline script of
warehouse/templates/report.js listens to the PERIOD_SIGNAL selection to narrow the event list.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import altair as alt
import pandas as pd

PERIOD_SIGNAL = "period_pick"
"""The name of the point selection over periods that the page's script listens to."""

QUADS = (
    ("verbal_coop", "verbal cooperation", "#a1d99b"),
    ("material_coop", "material cooperation", "#31a354"),
    ("verbal_conflict", "verbal conflict", "#fdae6b"),
    ("material_conflict", "material conflict", "#de2d26"),
)
DIRECTION_COLORS = ("#1f77b4", "#ff7f0e", "#444444")
WIDTH = 940
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


def _config(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec with the page's font and quiet axes."""
    return (
        chart.configure(font=_FONT)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=11, gridColor="#eeeeee")
        .configure_legend(labelFontSize=11, titleFontSize=11, orient="top")
        .to_dict()
    )


_TIME_UNITS = {"month": ("utcyearmonth", "%b %Y"), "quarter": ("utcyearquarter", "%Y Q%q"), "year": ("utcyear", "%Y")}


def series_spec(series: pd.DataFrame, directions: list[str], *, freq: str, directed: bool) -> dict[str, Any]:
    """Cooperation index per direction, Goldstein sum stacked by direction, QuadClass counts stacked.

    series has one row per period and direction (the two directions' labels, then 'both'): period (the
    first day, drawn), period_key (the same ISO date, kept as text for the selection), period_label, direction, events, goldstein_sum, coop_index (null without events) and the four quad counts.
    With directed, the QuadClass counts get a panel per direction; else one panel over both.
    """
    unit, fmt = _TIME_UNITS[freq]
    span = alt.Scale(domain=[_utc_day(d) for d in time_span(series["period_key"], freq)])
    pick = alt.selection_point(name=PERIOD_SIGNAL, fields=["period_key"], on="click", clear="dblclick", empty=False)
    x_axis = alt.X("period:T", timeUnit=unit, title=None, scale=span, axis=alt.Axis(format=fmt, labelOverlap=True))
    tooltip = [
        alt.Tooltip("period_label:N", title="period"),
        alt.Tooltip("direction:N"),
        alt.Tooltip("events:Q"),
        alt.Tooltip("goldstein_sum:Q", title="Goldstein sum", format=".1f"),
        alt.Tooltip("coop_index:Q", title="cooperation index", format=".2f"),
    ]
    base = alt.Chart(series).properties(width=WIDTH)
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#999999").encode(y=alt.datum(0))
    index = (
        base.mark_line(point=alt.OverlayMarkDef(size=50, filled=True), invalid="break-paths-show-domains")
        .encode(
            x=alt.X("period:T", timeUnit=unit, bandPosition=0.5, title=None, scale=span, axis=alt.Axis(format=fmt, labelOverlap=True)),
            y=alt.Y("coop_index:Q", title="cooperation index", scale=alt.Scale(domain=[-1, 1])),
            color=alt.Color("direction:N", title=None, scale=alt.Scale(domain=[*directions, "both"], range=list(DIRECTION_COLORS))),
            strokeWidth=alt.condition(alt.datum.direction == "both", alt.value(2.5), alt.value(1.5)),
            tooltip=tooltip,
        )
        .properties(height=140, title="Cooperation index: (cooperative − conflictual) / events, per direction and both")
    )
    goldstein = (
        base.transform_filter((alt.datum.direction != "both") & (alt.datum.events > 0))
        .mark_bar()
        .encode(
            x=x_axis,
            y=alt.Y("goldstein_sum:Q", title="Goldstein sum", stack="zero"),
            color=alt.Color("direction:N", title=None, scale=alt.Scale(domain=directions, range=list(DIRECTION_COLORS[:2]))),
            opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.7)),
            tooltip=tooltip,
        )
        .add_params(pick)
        .properties(height=150, title="Goldstein sum, stacked by direction (click a bar to list its events)")
    )
    panels: list[alt.TopLevelMixin] = [alt.layer(zero, index), alt.layer(goldstein, zero)]
    for direction in directions if directed else ["both"]:
        title = "Events by QuadClass" + (f", {direction}" if directed else ", both directions")
        panels.append(_quad_panel(series[series["direction"] == direction], x_axis, pick, title))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Automatically deduplicated selection parameter")
        return _config(alt.vconcat(*panels, spacing=22).resolve_scale(color="independent"))


def time_span(period_keys: pd.Series, freq: str) -> tuple[dt.date, dt.date]:
    """The first day of the first period and the first day after the last: every panel's x domain."""
    first, last = dt.date.fromisoformat(min(period_keys)), dt.date.fromisoformat(max(period_keys))
    months = {"month": 1, "quarter": 3, "year": 12}[freq]
    index = last.year * 12 + last.month - 1 + months
    return first, dt.date(index // 12, index % 12 + 1, 1)


def _count_ticks(most: int) -> list[int]:
    """Whole-number ticks from 0 to at least most, about five of them."""
    step = max(1, -(-most // 5))
    return list(range(0, most + step, step))


def _utc_day(day: dt.date) -> alt.DateTime:
    return alt.DateTime(year=day.year, month=day.month, date=day.day, utc=True)


def _quad_panel(rows: pd.DataFrame, x_axis: alt.X, pick: alt.Parameter, title: str) -> alt.Chart:
    long = rows.melt(
        id_vars=["period", "period_key", "period_label"], value_vars=[q[0] for q in QUADS], var_name="quad", value_name="count"
    )
    order = {q[0]: n for n, q in enumerate(QUADS)}
    long["quad_order"] = long["quad"].map(order)
    long["quad"] = long["quad"].map({q[0]: q[1] for q in QUADS})
    long = long[long["count"] > 0]
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=x_axis,
            y=alt.Y("count:Q", title="events", stack="zero", axis=alt.Axis(values=_count_ticks(int(rows["events"].max())), format="d")),
            color=alt.Color(
                "quad:N", title=None, sort=[q[1] for q in QUADS], scale=alt.Scale(domain=[q[1] for q in QUADS], range=[q[2] for q in QUADS])
            ),
            order=alt.Order("quad_order:Q"),
            opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.8)),
            tooltip=[alt.Tooltip("period_label:N", title="period"), alt.Tooltip("quad:N", title="QuadClass"), alt.Tooltip("count:Q")],
        )
        .add_params(pick)
        .properties(width=WIDTH, height=120, title=title)
    )


def actors_spec(actors: pd.DataFrame, side_labels: list[str]) -> dict[str, Any]:
    """Horizontal bars of the actors most active on each side: events as source and as target, stacked."""
    charts = []
    for side, label in enumerate(side_labels, start=1):
        rows = actors[actors["side"] == side]
        charts.append(
            alt.Chart(rows)
            .mark_bar()
            .encode(
                y=alt.Y(
                    "actor_label:N", title=None, sort=alt.EncodingSortField("total", order="descending"), axis=alt.Axis(labelLimit=260)
                ),
                x=alt.X("events:Q", title="events", axis=alt.Axis(tickMinStep=1)),
                color=alt.Color("role:N", title=None, scale=alt.Scale(domain=["as source", "as target"], range=["#4c78a8", "#9ecae9"])),
                tooltip=[
                    alt.Tooltip("actor:N"),
                    alt.Tooltip("names:N", title="as written"),
                    alt.Tooltip("role:N"),
                    alt.Tooltip("events:Q"),
                ],
            )
            .properties(width=WIDTH // 2 - 170, height=alt.Step(18), title=f"Most active on the {label} side")
        )
    return _config(alt.hconcat(*charts, spacing=40).resolve_scale(y="independent"))


def matrix_spec(cells: pd.DataFrame, countries: list[str], *, directed: bool) -> dict[str, Any]:
    """A heat map of the cooperation index of every pair over the span, with its event count; a click opens the pair."""
    color = alt.Color(
        "coop_index:Q", title="cooperation index", scale=alt.Scale(scheme="redblue", domain=[-1, 1]), legend=alt.Legend(orient="right")
    )
    base = alt.Chart(cells).encode(
        x=alt.X("column:N", title="target" if directed else None, sort=countries, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("row:N", title="source" if directed else None, sort=countries),
    )
    rect = base.mark_rect(cursor="pointer", stroke="white", strokeWidth=2, invalid="show").encode(
        color=alt.condition(alt.datum.events > 0, color, alt.value("#f0f0f0")),
        tooltip=[
            alt.Tooltip("row:N", title="source" if directed else "country"),
            alt.Tooltip("column:N", title="target" if directed else "country"),
            alt.Tooltip("events:Q"),
            alt.Tooltip("coop_index:Q", title="cooperation index", format=".2f"),
            alt.Tooltip("goldstein_sum:Q", title="Goldstein sum", format=".1f"),
        ],
    )
    text = base.mark_text(fontSize=12, cursor="pointer").encode(
        text=alt.Text("cell_text:N"),
        color=alt.condition("abs(datum.coop_index) > 0.6", alt.value("white"), alt.value("#222222")),
    )
    side = max(44, min(90, 560 // max(len(countries), 1)))
    chart = alt.layer(rect, text).properties(
        width=side * len(countries),
        height=side * len(countries),
        title="Cooperation index of each pair over the span (events in the cell; click a cell for its section)",
    )
    return _config(chart)
