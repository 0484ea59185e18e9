"""Times for the end-to-end tests, whose processes run on the real clock sped up.

At BACKCOACH_TIME_SCALE 3600 an hour passes in a second, a day in 24 s and a week in 168 s. A
morning nudge or a weekly recap that falls within the next few scaled hours would arrive seconds
into a test and take the conversation over in the middle of a check-in, depending only on when the
suite runs. These helpers put both a whole scaled day or week away, whatever the time.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
ZONE = ZoneInfo("Europe/London")  # the zone every e2e onboarding picks


def _quarter_hour_ago() -> datetime:
    return datetime.now(ZONE) - timedelta(minutes=15)


def far_nudge_time() -> str:
    """A morning-nudge time, to type in onboarding, whose next occurrence is almost a day away.

    A quarter of an hour ago is tomorrow's nudge even after the per-person spread (up to 10
    minutes later).
    """
    return f"{_quarter_hour_ago():%H:%M}"


def far_recap_data(home: Path) -> Path:
    """A copy of data/ under `home` whose weekly recap was due a quarter of an hour ago today, so
    that the next one is a scaled week away (the default, Sunday 18:00, is near on a weekend)."""
    data = home / "data"
    shutil.copytree(ROOT / "data", data, dirs_exist_ok=True)
    local = _quarter_hour_ago()
    rhythm = data / "rhythm.toml"
    text, days = re.subn(
        r"(?m)^recap_weekday = \d+$", f"recap_weekday = {local.weekday()}", rhythm.read_text()
    )
    text, times = re.subn(r'(?m)^recap_time = "[^"]*"$', f'recap_time = "{local:%H:%M}"', text)
    assert days == times == 1, "data/rhythm.toml no longer sets recap_weekday and recap_time"
    rhythm.write_text(text)
    return data
