"""The recap chart: a real PNG of a phone-friendly size whose three series stay visible."""

from __future__ import annotations

import math
import struct

from matplotlib.axes import Axes

from bot.chart import draw, png, png_async
from bot.content import load_content
from flows.model import Chart, Series

CONTENT = load_content()
DAYS = ("day.mon", "day.tue", "day.wed", "day.thu", "day.fri", "day.sat", "day.sun")
# Before and an hour after are equal on every day with data: the case that used to hide "before".
CHART = Chart(
    "recap.chart_title",
    DAYS,
    (
        Series("recap.before", (2, None, 3, 2, None, None, 1)),
        Series("recap.during", (3, None, 5, 3, None, None, 2)),
        Series("recap.after", (2, None, 3, 2, None, None, 1)),
    ),
)


def dimensions(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def drawn_axes(chart: Chart) -> Axes:
    figure = draw(chart, CONTENT, "en")
    figure.canvas.draw()
    (axes,) = figure.axes
    return axes


def test_the_chart_is_a_png_of_phone_friendly_size() -> None:
    """A landscape PNG 600–1200 px wide and well under Telegram's 10 MB photo limit."""
    data = png(CHART, CONTENT, "en")
    width, height = dimensions(data)
    assert 600 <= width <= 1200 and height < width
    assert 5_000 < len(data) < 500_000


async def test_the_chart_is_drawn_off_the_event_loop() -> None:
    """The async variant gives the same picture."""
    assert await png_async(CHART, CONTENT, "en") == png(CHART, CONTENT, "en")


def test_each_series_has_its_own_colour_line_style_and_marker() -> None:
    """Three lines, labelled with the catalogue's words, no two alike in colour, dash or marker."""
    lines = drawn_axes(CHART).get_lines()
    assert [line.get_label() for line in lines] == ["before", "worst during", "an hour after"]
    for attribute in ("get_color", "get_linestyle", "get_marker"):
        assert len({getattr(line, attribute)() for line in lines}) == 3, attribute


def test_equal_values_on_a_day_are_drawn_apart() -> None:
    """Where before equals an hour after, their markers sit at least a marker's width apart on
    screen, so neither hides the other."""
    axes = drawn_axes(CHART)
    before, _, after = axes.get_lines()
    for day in (0, 2, 3, 6):
        assert before.get_ydata()[day] == after.get_ydata()[day]  # type: ignore[index]
        here, there = axes.transData.transform(
            [
                (before.get_xdata()[day], before.get_ydata()[day]),  # type: ignore[index]
                (after.get_xdata()[day], after.get_ydata()[day]),  # type: ignore[index]
            ]
        )
        apart = math.dist(here, there)
        assert apart >= before.get_markersize() * axes.figure.dpi / 72, (day, apart)


def test_missing_days_are_gaps_neither_zero_nor_joined() -> None:
    """A day without data is NaN in every series (matplotlib breaks the line there), never 0;
    the days with data keep their values."""
    for line, series in zip(drawn_axes(CHART).get_lines(), CHART.series, strict=True):
        ys = list(line.get_ydata())  # type: ignore[arg-type]
        for y, value in zip(ys, series.values, strict=True):
            assert math.isnan(y) if value is None else y == value


def test_the_legend_sits_outside_the_data_area() -> None:
    """The legend is drawn above the plot: its box does not overlap the axes' data area, and it
    is inside the picture."""
    axes = drawn_axes(CHART)
    legend = axes.get_legend()
    assert legend is not None
    box = legend.get_window_extent()
    area = axes.get_window_extent()
    assert not box.overlaps(area) and box.y0 >= area.y1
    picture = axes.figure.bbox
    assert picture.x0 <= box.x0 and box.x1 <= picture.x1 and box.y1 <= picture.y1


def test_a_week_without_any_data_still_draws() -> None:
    """Seven empty days: a picture with nothing plotted rather than an error."""
    empty = Chart("recap.chart_title", DAYS, (Series("recap.before", (None,) * 7),))
    assert dimensions(png(empty, CONTENT, "en"))[0] > 0


# The recap with its lower panels: the lights per day and the goals by week.
FULL = Chart(
    "recap.chart_title",
    DAYS,
    CHART.series,
    lights=(
        Series("recap.green", (1, 0, 1, 2, 0, 0, 1)),
        Series("recap.amber", (0, 0, 1, 0, 0, 0, 0)),
        Series("recap.red", (0, 0, 0, 0, 0, 1, 0)),
    ),
    weeks=("26 Oct", "02 Nov", "09 Nov", "16 Nov", "23 Nov", "30 Nov"),
    goals=(
        Series(
            "pick up my daughter without wincing at all, every time", (3, None, 4, 4, 5, 6), True
        ),
        Series("Sit through a film", (5, 5, 6, 6, 6, 6), True),
    ),
    lights_title="recap.lights_title",
    goals_title="recap.goals_title",
)


def test_the_full_recap_is_three_panels_readable_at_phone_width() -> None:
    """With lights and goals: pain, lights and goals one under another, 810 px wide, taller
    than wide (a phone held upright)."""
    width, height = dimensions(png(FULL, CONTENT, "en"))
    assert width == 810 and height > width
    figure = draw(FULL, CONTENT, "en")
    assert len(figure.axes) == 3


def test_a_days_lights_are_stacked_never_behind_one_another() -> None:
    """On a day with a green and an amber, the amber bar starts where the green one ends."""
    figure = draw(FULL, CONTENT, "en")
    figure.canvas.draw()
    lights = figure.axes[1]
    green, amber, _ = lights.containers
    wednesday = 2
    assert amber[wednesday].get_y() == green[wednesday].get_height() == 1
    labels = [text.get_text() for text in lights.get_legend().get_texts()]
    assert labels == ["green", "amber", "red"]


def test_the_goals_panel_names_each_goal_in_the_persons_words() -> None:
    """One line per goal, labelled with its words (wrapped, never cut short), drawn apart."""
    figure = draw(FULL, CONTENT, "en")
    goals = figure.axes[2]
    names = [line.get_label().replace("\n", " ") for line in goals.get_lines()]
    assert names == ["pick up my daughter without wincing at all, every time", "Sit through a film"]
    first, second = goals.get_lines()
    assert first.get_xdata()[5] != second.get_xdata()[5]  # type: ignore[index]


def test_a_chart_without_lights_or_goals_stays_one_panel() -> None:
    """A recap with no lights and no rated goals is the pain chart alone."""
    figure = draw(CHART, CONTENT, "en")
    assert len(figure.axes) == 1
