"""A person's export as files: everything stored as JSON, and their check-ins as a spreadsheet.

The data comes from Repository.export (every stored row of theirs, as stored); this module only
writes it down: indented JSON with ISO 8601 times, and a CSV with one row per check-in whose header
is the check-in's fields.
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


def checkins_csv(checkins: Sequence[Mapping[str, Any]]) -> bytes:
    """One row per check-in, oldest first; empty cells where nothing was recorded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CHECKIN_FIELDS)
    for checkin in checkins:
        writer.writerow(_cell(checkin.get(name)) for name in CHECKIN_FIELDS)
    return out.getvalue().encode()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime | date | time | Enum):
        return plain(value)
    return value


def export_files(data: Mapping[str, Any]) -> list[tuple[str, bytes]]:
    """The export as (file name, contents): the JSON of everything, then the check-ins' CSV."""
    return [(JSON_NAME, as_json(data)), (CSV_NAME, checkins_csv(data.get("checkins") or ()))]


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
