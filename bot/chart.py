"""Draws a flows Chart as a PNG with matplotlib's Agg backend: no pyplot, no display, no globals.

Made to be read on a phone: each series has its own colour, line style and marker, and the series
sit side by side within their day, so equal values (before and an hour after, on a good day) stay
visible instead of one hiding the other. The legend is a row above the plot, never over a day.
A day without data is a gap: nothing drawn, and no line across it.
"""

from __future__ import annotations

import asyncio
import math
from io import BytesIO
from typing import NamedTuple

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from flows.content import Content
from flows.model import Chart

__all__ = ["STYLES", "draw", "png", "png_async"]


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
SPREAD = 0.22  # how far apart, in days, a day's series sit
SIZE_INCHES = (5.4, 3.6)
DPI = 150  # 810×540 px: sharp at a phone's width


def draw(chart: Chart, content: Content, language: str) -> Figure:
    """The chart as a matplotlib Figure (drawn on an Agg canvas)."""
    figure = Figure(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    days = range(len(chart.days))
    count = len(chart.series)
    for index, (style, series) in enumerate(zip(STYLES, chart.series, strict=False)):
        shift = (index - (count - 1) / 2) * SPREAD
        axes.plot(
            [x + shift for x in days],
            [math.nan if v is None else v for v in series.values],  # NaN: a gap, not a zero
            color=style.colour,
            linestyle=style.linestyle,
            marker=style.marker,
            markersize=7,
            linewidth=2,
            label=content.text(language, series.label),
        )
    axes.set_ylim(chart.low - 0.3, chart.high + 0.3)
    axes.set_yticks(range(math.ceil(chart.low), math.floor(chart.high) + 1, 2))
    axes.set_xlim(-0.5, len(chart.days) - 0.5)
    axes.set_xticks(list(days), [content.text(language, d) for d in chart.days])
    axes.tick_params(labelsize=11)
    axes.grid(axis="y", alpha=0.3)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.suptitle(content.text(language, chart.title), fontsize=13)
    # Just above the plot, under the title: in the axes' layout box but outside its data area.
    axes.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=len(chart.series),
        frameon=False,
        fontsize=11,
        handlelength=2.5,
    )
    return figure


def png(chart: Chart, content: Content, language: str) -> bytes:
    """The chart as PNG bytes (810×540 px)."""
    buffer = BytesIO()
    draw(chart, content, language).savefig(buffer, format="png")
    return buffer.getvalue()


async def png_async(chart: Chart, content: Content, language: str) -> bytes:
    """Draws the chart in a worker thread, off the event loop."""
    return await asyncio.to_thread(png, chart, content, language)
