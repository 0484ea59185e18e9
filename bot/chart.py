"""Draws a flows Chart as a PNG with matplotlib's Agg backend: no pyplot, no display, no globals."""

from __future__ import annotations

import asyncio
import math
from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from flows.content import Content
from flows.model import Chart

COLOURS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52")


def png(chart: Chart, content: Content, language: str) -> bytes:
    """The chart as PNG bytes (about 600×320 px)."""
    figure = Figure(figsize=(6, 3.2), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    xs = list(range(len(chart.days)))
    for colour, series in zip(COLOURS, chart.series, strict=False):
        ys = [math.nan if v is None else v for v in series.values]
        label = content.text(language, series.label)
        axes.plot(xs, ys, marker="o", linewidth=2, color=colour, label=label)
    axes.set_ylim(chart.low, chart.high)
    axes.set_xticks(xs, [content.text(language, d) for d in chart.days])
    axes.set_title(content.text(language, chart.title))
    axes.grid(alpha=0.3)
    axes.legend(loc="upper right", fontsize="small", frameon=False)
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


async def png_async(chart: Chart, content: Content, language: str) -> bytes:
    """Draws the chart in a worker thread, off the event loop."""
    return await asyncio.to_thread(png, chart, content, language)
