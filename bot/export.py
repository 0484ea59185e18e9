"""A person's export as files: everything stored as JSON, and their check-ins as a spreadsheet.

The data comes from Repository.export (every stored row of theirs, as stored); this module only
writes it down: indented JSON with ISO 8601 times in UTC, exactly as stored, and a CSV for people
to read, one row per check-in: plain-words headers ("pain 1 hour after", not `a1`) and times on
the person's own clock (their profile's time zone, named in the last column).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.storage.convert import CHECKIN_FIELDS

JSON_NAME = "backcoach-export.json"
CSV_NAME = "backcoach-checkins.csv"
EXPORT = "export"  # Reply.attachment asking for these files


def plain(value: Any) -> Any:
    """A value as JSON has it: times, dates and datetimes in ISO 8601, enums as their values."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"not exportable: {type(value).__name__}")


def as_json(data: Mapping[str, Any]) -> bytes:
    """The whole export as indented UTF-8 JSON."""
    text = json.dumps(data, default=plain, indent=2, ensure_ascii=False, sort_keys=False)
    return (text + "\n").encode()


# A check-in's field → its column in the CSV (every field, in the stored order).
HEADERS = {
    "no": "check-in",
    "kind": "kind",
    "activity": "activity",
    "level": "level",
    "created_at": "started",
    "status": "status",
    "baseline": "pain before",
    "expected": "pain expected",
    "confidence_before": "confidence before",
    "done_at": "done at",
    "during": "worst pain during",
    "a1": "pain 1 hour after",
    "a1_at": "answered at (1 hour after)",
    "a2": "pain 2 hours after",
    "a2_at": "answered at (2 hours after)",
    "confidence_after": "confidence after",
    "morning": "pain next morning",
    "light": "light",
    "level_after": "level after",
}
ZONE_HEADER = "time zone"
STATUSES = {
    "open": "in progress",
    "awaiting_a1": "waiting for the 1-hour answer",
    "awaiting_a2": "waiting for the 2-hour answer",
    "finished": "finished",
    "skipped": "not today",
}
LOCAL_TIME = "%Y-%m-%d %H:%M"
assert tuple(HEADERS) == CHECKIN_FIELDS, "a check-in field without a CSV column"


def zone_of(profile: Mapping[str, Any] | None) -> ZoneInfo:
    """The person's time zone; UTC when they have not chosen one (or it is unknown here)."""
    name = (profile or {}).get("tz")
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def checkins_csv(checkins: Sequence[Mapping[str, Any]], zone: ZoneInfo | None = None) -> bytes:
    """One row per check-in, oldest first, headed in plain words; times local to `zone` (UTC
    when None), which the last column names; empty cells where nothing was recorded."""
    zone = zone or ZoneInfo("UTC")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*HEADERS.values(), ZONE_HEADER])
    for checkin in checkins:
        cells = [_cell(name, checkin.get(name), zone) for name in HEADERS]
        writer.writerow([*cells, zone.key])
    return out.getvalue().encode()


def _cell(name: str, value: Any, zone: ZoneInfo) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(zone).strftime(LOCAL_TIME)
    if isinstance(value, Enum):
        value = value.value
    if name == "status":
        return STATUSES.get(value, value)
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def export_files(data: Mapping[str, Any]) -> list[tuple[str, bytes]]:
    """The export as (file name, contents): the JSON of everything, then the check-ins' CSV."""
    table = checkins_csv(data.get("checkins") or (), zone_of(data.get("profile")))
    return [(JSON_NAME, as_json(data)), (CSV_NAME, table)]


def write_files(folder: Path, files: Sequence[tuple[str, bytes]]) -> list[Path]:
    """Writes the files into `folder` (made if missing), readable by their owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    for name, content in files:
        path = folder / name
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            os.fchmod(file.fileno(), 0o600)  # also when it was there before
            file.write(content)
        written.append(path.resolve())
    return written
