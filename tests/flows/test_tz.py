"""Naming a time zone back to the person, and telling a fixed offset from a city's zone."""

from __future__ import annotations

import pytest

from flows.tz import is_fixed, label


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Etc/GMT-2", "UTC+2"),
        ("Etc/GMT+5", "UTC-5"),
        ("Etc/GMT-14", "UTC+14"),
        ("Etc/GMT+0", "UTC"),
        ("Europe/Berlin", "Europe/Berlin"),
        ("UTC", "UTC"),
    ],
)
def test_label_names_an_etc_zone_with_the_usual_sign(name: str, shown: str) -> None:
    """Etc/GMT-2 is shown as UTC+2 (the sign the person typed); other zones by their name."""
    assert label(name) == shown


@pytest.mark.parametrize(
    ("name", "fixed"),
    [
        ("Etc/GMT-2", True),
        ("UTC", True),
        ("GMT", True),
        ("Etc/UTC", True),
        ("Europe/Berlin", False),
        ("Asia/Kolkata", False),
    ],
)
def test_is_fixed_tells_a_fixed_offset_from_a_city(name: str, fixed: bool) -> None:
    """Etc zones and the UTC/GMT names are fixed offsets; a city's zone is not."""
    assert is_fixed(name) is fixed
