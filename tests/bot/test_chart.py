"""The recap chart is a real PNG of a sensible size."""

from __future__ import annotations

import struct

from bot.chart import png, png_async
from bot.content import load_content
from flows.model import Chart, Series

CONTENT = load_content()
DAYS = ("day.mon", "day.tue", "day.wed", "day.thu", "day.fri", "day.sat", "day.sun")
CHART = Chart(
    "recap.chart_title",
    DAYS,
    (
        Series("recap.before", (2, None, 3, 2, None, None, 1)),
        Series("recap.during", (3, None, 5, 3, None, None, 2)),
        Series("recap.after", (2, None, 4, 2, None, None, 1)),
    ),
)


def dimensions(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_chart_is_a_png_of_sensible_size() -> None:
    """A PNG around 600×320 px and well under Telegram's 10 MB photo limit."""
    data = png(CHART, CONTENT, "en")
    width, height = dimensions(data)
    assert 400 <= width <= 1200 and 200 <= height <= 800
    assert 5_000 < len(data) < 500_000


async def test_the_chart_is_drawn_off_the_event_loop() -> None:
    """The async variant gives the same picture."""
    assert dimensions(await png_async(CHART, CONTENT, "en")) == dimensions(
        png(CHART, CONTENT, "en")
    )


def test_a_chart_with_missing_days_still_draws() -> None:
    """Days without data are gaps, not zeros or errors."""
    empty = Chart("recap.chart_title", DAYS, (Series("recap.before", (None,) * 7),))
    assert dimensions(png(empty, CONTENT, "en"))[0] > 0
