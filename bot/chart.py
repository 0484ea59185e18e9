"""Draws a flows Chart as a PNG with matplotlib's Agg backend: no pyplot, no display, no globals.

Made to be read on a phone: each series has its own colour, line style and marker, and the series
sit side by side within their day, so equal values (before and an hour after, on a good day) stay
visible instead of one hiding the other. The legend is a row above the plot, never over a day.
A day without data is a gap: nothing drawn, and no line across it. Under the pain, when the chart
has them, the lights per day as stacked bars (never one behind another) and the goals' ratings by
week, drawn apart the same way. The panels are also used by the clinician summary (bot.summary).
"""

from __future__ import annotations

import asyncio
import math
import textwrap
from collections.abc import Sequence
from io import BytesIO
from typing import NamedTuple

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from flows.content import Content
from flows.model import Chart, Series

__all__ = ["LIGHT_COLOURS", "STYLES", "draw", "lights_panel", "lines_panel", "png", "png_async"]


class Style(NamedTuple):
    colour: str
    linestyle: str
    marker: str


# Colour-blind-safe colours (Okabe–Ito), and shapes that tell the series apart without them.
STYLES = (
    Style("#0072b2", "-", "o"),
    Style("#d55e00", "--", "s"),
    Style("#009e73", ":", "^"),
    Style("#cc79a7", "-.", "D"),
)
# Green, amber, red (Okabe–Ito's bluish green, orange, vermillion), each with its own hatch.
LIGHT_COLOURS = (("#009e73", ""), ("#e69f00", "//"), ("#d55e00", "xx"))
SPREAD = 0.22  # how far apart, in days, a day's series sit
SIZE_INCHES = (5.4, 3.6)
PANEL_INCHES = {"lights": 1.9, "goals": 3.0}  # added below the pain for each lower panel
DPI = 150  # 810 px wide: sharp at a phone's width
WRAP = 38  # characters per line of a goal's name in a legend
LEGEND_ROW = 52  # characters a legend row holds at the chart's width (a mark is LEGEND_MARK)
LEGEND_MARK = 6
TICK_ROW = 60  # characters of labels along the bottom


def lines_panel(
    axes: Axes,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    low: float = 0,
    high: float = 10,
    legend_columns: int | None = None,
    fontsize: float = 11,
    title: str | None = None,
) -> None:
    """Lines of 0–10 values over `labels`, side by side within each point, gaps for None, the
    legend in a row (or `legend_columns`) above the plot."""
    points = range(len(labels))
    count = len(series)
    spread = min(SPREAD, 0.6 / max(count, 1))
    for index, (style, (name, values)) in enumerate(zip(STYLES * 3, series, strict=False)):
        shift = (index - (count - 1) / 2) * spread
        axes.plot(
            [x + shift for x in points],
            [math.nan if v is None else v for v in values],  # NaN: a gap, not a zero
            color=style.colour,
            linestyle=style.linestyle,
            marker=style.marker,
            markersize=7,
            linewidth=2,
            label=name,
        )
    axes.set_ylim(low - 0.3, high + 0.3)
    axes.set_yticks(range(math.ceil(low), math.floor(high) + 1, 2))
    axes.set_xlim(-0.5, len(labels) - 0.5)
    _ticks(axes, labels, fontsize)
    axes.grid(axis="y", alpha=0.3)
    if series:
        # Just above the plot: in the axes' layout box but outside its data area.
        axes.legend(
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=legend_columns or _columns([name for name, _ in series]),
            frameon=False,
            fontsize=fontsize,
            handlelength=2.5,
            title=title,
            title_fontsize=fontsize + 1,
        )


def lights_panel(
    axes: Axes,
    labels: Sequence[str],
    lights: Sequence[tuple[str, Sequence[float | None]]],
    *,
    fontsize: float = 11,
    title: str | None = None,
) -> None:
    """Green, amber and red counts per point as stacked bars: each light on top of the last,
    never behind it; its colour and hatch in the legend above."""
    points = list(range(len(labels)))
    bottom = [0.0] * len(labels)
    for (colour, hatch), (name, values) in zip(LIGHT_COLOURS, lights, strict=False):
        heights = [v or 0.0 for v in values]
        axes.bar(
            points,
            heights,
            0.6,
            bottom=bottom,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            linewidth=0.5,
            label=name,
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    top = max(bottom, default=0)
    axes.set_ylim(0, max(top, 1) + 0.5)
    axes.set_yticks(range(0, int(max(top, 1)) + 1, max(1, math.ceil(top / 4))))
    axes.set_xlim(-0.5, len(labels) - 0.5)
    _ticks(axes, labels, fontsize)
    axes.grid(axis="y", alpha=0.3)
    axes.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=_columns([name for name, _ in lights]),
        frameon=False,
        fontsize=fontsize,
        title=title,
        title_fontsize=fontsize + 1,
    )


def _columns(names: Sequence[str]) -> int:
    """A legend in one row when its words fit the width of a phone, else one entry a row
    ("am stärksten währenddessen" is longer than "worst during")."""
    return len(names) if sum(len(n) + LEGEND_MARK for n in names) <= LEGEND_ROW else 1


def _ticks(axes: Axes, labels: Sequence[str], fontsize: float) -> None:
    # at most a dozen labels along the bottom, fewer when they are long ("26. Okt.")
    chars = sum(len(label) + 2 for label in labels)
    every = max(1, math.ceil(len(labels) / 12), math.ceil(chars / TICK_ROW))
    shown = list(range(0, len(labels), every))
    axes.set_xticks(shown, [labels[i] for i in shown])
    axes.tick_params(labelsize=fontsize)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _named(content: Content, language: str, series: Series) -> str:
    if series.literal:
        return textwrap.shorten(series.label, 60, placeholder="…")
    return content.text(language, series.label)


def draw(chart: Chart, content: Content, language: str) -> Figure:
    """The chart as a matplotlib Figure (drawn on an Agg canvas): the pain, then the lights and
    the goals when the chart has them."""
    panels = ["pain"]
    if any(any(v for v in s.values) for s in chart.lights):
        panels.append("lights")
    if chart.goals and chart.weeks:
        panels.append("goals")
    heights = [SIZE_INCHES[1], *(PANEL_INCHES[p] for p in panels[1:])]
    figure = Figure(figsize=(SIZE_INCHES[0], sum(heights)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    grid = figure.add_gridspec(len(panels), 1, height_ratios=heights)
    days = [content.text(language, d) for d in chart.days]
    pain = figure.add_subplot(grid[0])
    lines_panel(
        pain,
        days,
        [(_named(content, language, s), s.values) for s in chart.series],
        low=chart.low,
        high=chart.high,
    )
    for row, panel in enumerate(panels[1:], start=1):
        axes = figure.add_subplot(grid[row])
        if panel == "lights":
            lights = [(_named(content, language, s), s.values) for s in chart.lights]
            lights_panel(axes, days, lights, title=content.text(language, chart.lights_title))
        else:
            goals = [
                ("\n".join(textwrap.wrap(_named(content, language, s), WRAP)), s.values)
                for s in chart.goals
            ]
            title = content.text(language, chart.goals_title)
            lines_panel(axes, chart.weeks, goals, legend_columns=1, fontsize=10, title=title)
    figure.suptitle(content.text(language, chart.title), fontsize=13)
    return figure


def png(chart: Chart, content: Content, language: str) -> bytes:
    """The chart as PNG bytes (810 px wide)."""
    buffer = BytesIO()
    draw(chart, content, language).savefig(buffer, format="png")
    return buffer.getvalue()


async def png_async(chart: Chart, content: Content, language: str) -> bytes:
    """Draws the chart in a worker thread, off the event loop."""
    return await asyncio.to_thread(png, chart, content, language)
