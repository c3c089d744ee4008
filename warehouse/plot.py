"""A dyad series as a picture: Goldstein sum and cooperation index on top, the four QuadClass counts below."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from warehouse.tables import OutputError, atomic_path, check_output_path

if TYPE_CHECKING:
    import pandas as pd

PLOT_SUFFIXES = (".png", ".svg", ".pdf")
_ADVERBS = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}
_QUADS = (
    ("verbal_coop", "verbal cooperation", "#a1d99b"),
    ("material_coop", "material cooperation", "#31a354"),
    ("verbal_conflict", "verbal conflict", "#fdae6b"),
    ("material_conflict", "material conflict", "#de2d26"),
)
_NEEDED = ("period", "events", "goldstein_sum", "coop_index") + tuple(q[0] for q in _QUADS)


def series_title(a: Sequence[str], b: Sequence[str], freq: str, directed: bool) -> str:
    """A plot title naming the dyad, the frequency and whether directions are apart, e.g. 'UZB – KAZ, monthly'."""
    how = "by direction" if directed else "both directions"
    return f"{','.join(a)} – {','.join(b)}: {_ADVERBS.get(freq, freq)} events, {how}"


def plot_series(table: pa.Table, path: Path, title: str | None = None) -> Path:
    """Draw a dyad series (from dyad_series) to a PNG (or SVG, PDF) file, atomically, and return its path."""
    path = check_output_path(Path(path), PLOT_SUFFIXES)
    missing = [c for c in _NEEDED if c not in table.column_names]
    if missing:
        raise OutputError(f"cannot plot: the table lacks the series columns {', '.join(missing)}")
    if table.num_rows == 0:
        raise OutputError("nothing to plot: the series has no periods")
    # matplotlib and pandas take half a second to import: only a plot pays for them, not every command
    import matplotlib.dates as mdates
    import pandas as pd
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    frame = table.to_pandas()
    frame["period"] = pd.to_datetime(frame["period"])
    # Draw each period at its middle, so that a bar covers the period it counts.
    if "period_end" in frame:
        frame["period"] = frame["period"] + (pd.to_datetime(frame["period_end"]) + pd.Timedelta(days=1) - frame["period"]) / 2
    if "direction" not in frame:
        frame["direction"] = "A<->B"
    # The index is 0 by definition where nothing happened; leaving those periods out reads truer.
    frame["coop_index"] = frame["coop_index"].where(frame["events"] > 0)
    directions = list(dict.fromkeys(frame["direction"]))
    totals = frame.groupby("period", sort=True)[[q[0] for q in _QUADS]].sum()
    width = _bar_width_days(totals.index)

    fig = Figure(figsize=(11, 7), layout="constrained")
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    index_axis = top.twinx()
    if len(directions) == 1:
        sums = frame["goldstein_sum"].fillna(0)
        colors = ["#2ca02c" if v >= 0 else "#d62728" for v in sums]
        top.bar(frame["period"], sums, width=width, color=colors, label="Goldstein sum")
        index_axis.plot(frame["period"], frame["coop_index"], color="black", marker="o", label="cooperation index")
    else:
        for direction, color in zip(directions, ("#1f77b4", "#ff7f0e", "#9467bd", "#8c564b"), strict=False):
            rows = frame[frame["direction"] == direction]
            top.plot(rows["period"], rows["goldstein_sum"], color=color, marker="o", label=f"Goldstein sum {direction}")
            index_axis.plot(
                rows["period"], rows["coop_index"], color=color, marker="x", linestyle="--", label=f"cooperation index {direction}"
            )
    top.axhline(0, color="grey", linewidth=0.8)
    top.set_ylabel("Goldstein sum")
    index_axis.set_ylabel("cooperation index")
    index_axis.set_ylim(-1.05, 1.05)
    handles = top.get_legend_handles_labels()
    more = index_axis.get_legend_handles_labels()
    top.legend(handles[0] + more[0], handles[1] + more[1], loc="upper left", bbox_to_anchor=(1.08, 1), fontsize="small")

    base = pd.Series(0, index=totals.index)
    for column, label, color in _QUADS:
        bottom.bar(totals.index, totals[column], width=width, bottom=base, color=color, label=label)
        base = base + totals[column]
    bottom.set_ylabel("events")
    bottom.set_xlabel("period")
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.legend(loc="upper left", bbox_to_anchor=(1.08, 1), fontsize="small")
    locator = mdates.AutoDateLocator()
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    fig.suptitle(title or _default_title(table))

    with atomic_path(path) as tmp:
        fig.savefig(tmp, format=path.suffix.lower().lstrip("."), dpi=120)
    return path


def _bar_width_days(periods: pd.DatetimeIndex) -> float:
    if len(periods) < 2:
        return 20.0
    return 0.8 * min((later - earlier).days for earlier, later in zip(periods[:-1], periods[1:], strict=True))


def _default_title(table: pa.Table) -> str:
    names = table.column_names
    if "actor_a" in names and "actor_b" in names and table.num_rows:
        return f"{table['actor_a'][0].as_py()} – {table['actor_b'][0].as_py()}"
    return "dyad series"
