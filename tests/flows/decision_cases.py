"""Records for the decision module's tests: thresholds, a fixed now, and check-ins and mornings
with only the fields the decision module reads."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from flows.content import Thresholds
from flows.model import ActivityKind, Checkin, CheckinStatus, Light, Morning

T = Thresholds(version="test")
NOW = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)
TODAY = date(2025, 3, 15)
G, A, R, U = Light.GREEN, Light.AMBER, Light.RED, Light.UNFINISHED
PAIN = st.integers(min_value=0, max_value=10)


def checkin(
    no: int,
    light: Light | None,
    *,
    movement: str = "bend",
    level: int | None = 1,
    kind: ActivityKind = ActivityKind.EXPOSURE,
    status: CheckinStatus = CheckinStatus.FINISHED,
    at: datetime = NOW,
    done_at: datetime | None = None,
) -> Checkin:
    """Builds a check-in with only the fields the decision module reads."""
    return Checkin(
        no=no,
        kind=kind,
        activity=movement,
        level=level,
        created_at=at,
        status=status,
        done_at=done_at,
        light=light,
    )


def mornings(pains_by_days_ago: dict[int, int], today: date = TODAY) -> list[Morning]:
    """Builds waking-pain readings keyed by how many days before `today` they were."""
    return [
        Morning(day=today - timedelta(days=ago), pain=pain)
        for ago, pain in sorted(pains_by_days_ago.items(), reverse=True)
    ]
