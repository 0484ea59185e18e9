"""Prometheus metrics of one process, served at GET /metrics by `backcoach serve`.

Counters and histograms only, with no label that names a person: outcomes, kinds, seconds.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

UPDATES = Counter(
    "backcoach_updates",
    "Telegram updates handled, by outcome (handled, duplicate, failed).",
    ["outcome"],
    registry=REGISTRY,
)
HANDLER_SECONDS = Histogram(
    "backcoach_handler_seconds",
    "Seconds from taking an update up to its replies sent.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
SENDS = Counter(
    "backcoach_sends",
    "Bot API send attempts, by outcome (ok, retry_after, retried, blocked, failed).",
    ["outcome"],
    registry=REGISTRY,
)
DUE_LATENESS = Histogram(
    "backcoach_due_lateness_seconds",
    "Seconds between when a due event was due and when it was claimed.",
    ["kind"],
    buckets=(0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600),
    registry=REGISTRY,
)
DUE_EVENTS = Counter(
    "backcoach_due_events",
    "Due events finished, by kind and outcome (sent, skipped, failed, undelivered).",
    ["kind", "outcome"],
    registry=REGISTRY,
)
INBOX_WAITING = Gauge(
    "backcoach_inbox_waiting",
    "Updates acknowledged to Telegram and not yet handled (last seen by this process).",
    registry=REGISTRY,
)
