"""The clinician summary as a one-page A4 PDF (DESIGN §9), drawn with matplotlib's PDF backend.

matplotlib is already how the coach draws (the recap chart), and its PDF backend lays out text and
charts on one page with no second drawing library; fonts are embedded as TrueType (not Type 3) so
that the text can be selected, searched and read back (tests read it with pypdf). The words and
numbers come from flows.summary, in the person's language and on their clock; this module only
lays them out. It is drawn in a worker thread, off the event loop.
"""

from __future__ import annotations

import asyncio
import textwrap
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_pdf import FigureCanvasPdf
from matplotlib.figure import Figure

from bot.chart import lights_panel, lines_panel
from flows.content import Content
from flows.summary import History, Summary, summarise

__all__ = ["NAME", "SUMMARY", "draw", "pdf", "summary_file", "summary_file_async"]

SUMMARY = "summary"  # Reply.attachment asking for this file
NAME = "backcoach-summary-{:%Y-%m-%d}.pdf"
A4 = (8.27, 11.69)  # inches
LEFT, WIDTH = 0.07, 0.86  # of the page's width
LINE = 0.0145  # one line of 8.5 pt text, as a share of the page's height
CHARS = 118  # characters per line of 8.5 pt text across the page
BOLD_WIDTH = 0.86  # bold text holds this share of the characters a line of plain text holds
MAX_SCREENS = 7  # screen lines shown; the rest are counted


class _Page:
    """A cursor down an A4 figure: text lines and chart boxes, each below the last."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.y = 0.965

    def text(self, words: str, *, size: float = 8.5, bold: bool = False, indent: float = 0) -> None:
        width = CHARS * 8.5 / size * (BOLD_WIDTH if bold else 1)  # bold letters are wider
        for line in textwrap.wrap(words, int(width) - int(indent * 140)) or [""]:
            self.figure.text(
                LEFT + indent,
                self.y,
                line,
                fontsize=size,
                weight="bold" if bold else "normal",
                va="top",
            )
            self.y -= LINE * size / 8.5

    def heading(self, words: str) -> None:
        self.y -= LINE * 0.4
        self.text(words, size=10, bold=True)
        self.y -= LINE * 0.15

    def axes(self, height: float, *, left: float = LEFT, width: float = WIDTH) -> Axes:
        """A chart box `height` tall (share of the page), with room above it for its legend."""
        self.y -= 0.03  # the legend sits above the plot
        return self.figure.add_axes((left, self.y - height, width, height))

    def below(self, height: float) -> None:
        self.y -= height + 0.03  # the tick labels under the plot


def draw(summary: Summary) -> Figure:
    """The page as a matplotlib Figure on a PDF canvas."""
    figure = Figure(figsize=A4)
    FigureCanvasPdf(figure)
    page = _Page(figure)
    page.text(summary.title, size=14, bold=True)
    page.y -= LINE * 0.3
    page.text(summary.subtitle, size=8)
    page.y -= LINE * 0.4
    for label, value in summary.facts:
        page.text(f"{label}: {value}")
    page.heading(summary.screens_title)
    _lines(page, summary.screens, MAX_SCREENS)
    if summary.empty:
        page.y -= LINE * 0.3
        page.text(summary.empty, bold=True)
    page.heading(summary.pain_title)
    days = list(summary.day_labels)
    pain = page.axes(0.13)
    series = [(s.label, s.values) for s in summary.pain]
    lines_panel(pain, days, series, fontsize=8, legend_columns=len(series))  # an A4 row holds them
    page.below(0.13)
    half = WIDTH / 2 - 0.04
    top = page.y
    page.heading(summary.lights_title)
    lights = page.axes(0.09, width=half)
    lights_panel(lights, summary.weeks, [(s.label, s.values) for s in summary.lights], fontsize=7)
    page.y = top
    page.heading("")
    ladders = page.axes(0.09, left=LEFT + half + 0.08, width=half)
    figure.text(
        LEFT + half + 0.08,
        top - LINE * 0.4,
        summary.ladders_title,
        fontsize=10,
        weight="bold",
        va="top",
    )
    _levels(ladders, summary)
    page.below(0.09)
    _lines(page, summary.ladder_lines, 8)
    page.heading(summary.goals_title)
    _lines(page, summary.goal_lines, 6)
    if summary.goals and any(v is not None for s in summary.goals for v in s.values):
        goals = page.axes(0.09)
        lines_panel(
            goals,
            summary.weeks,
            [(textwrap.shorten(s.label, 40, placeholder="…"), s.values) for s in summary.goals],
            fontsize=7,
        )
        page.below(0.09)
    page.heading(summary.evidence_title)
    _lines(page, summary.evidence, 3)
    return figure


def _lines(page: _Page, lines: Sequence[str], most: int) -> None:
    for line in lines[:most]:
        page.text(line, indent=0.01)
    if len(lines) > most:
        page.text(f"… (+{len(lines) - most})", indent=0.01)


def _levels(axes: Axes, summary: Summary) -> None:
    """Each ladder's level by week, as lines side by side (levels are small whole numbers)."""
    top = max((v for s in summary.ladders for v in s.values if v is not None), default=1)
    lines_panel(
        axes,
        summary.weeks,
        [(s.label, s.values) for s in summary.ladders],
        low=0,
        high=max(top, 1),
        fontsize=7,
    )
    axes.set_yticks(range(0, int(max(top, 1)) + 1))


def pdf(summary: Summary) -> bytes:
    """The page as PDF bytes: A4, one page, fonts embedded as TrueType (text that reads back)."""
    buffer = BytesIO()
    with rc_context({"pdf.fonttype": 42}):
        draw(summary).savefig(buffer, format="pdf")
    return buffer.getvalue()


def summary_file(history: History, content: Content, now: datetime) -> tuple[str, bytes]:
    """The summary of `history` at `now` as (file name, PDF bytes); the name carries the date on
    the person's clock and nothing else about them."""
    summary = summarise(history, content, now)
    return NAME.format(summary.days[-1]), pdf(summary)


async def summary_file_async(
    history: History, content: Content, now: datetime
) -> tuple[str, bytes]:
    """`summary_file` in a worker thread, off the event loop."""
    return await asyncio.to_thread(summary_file, history, content, now)
