"""Logging set-up, and how failures are logged without what people typed or the bot token.

What people tell the coach is health data: it is never logged. Libraries that would log it at
DEBUG (python-telegram-bot logs whole updates and request parameters, httpx every request URL
with the token in it, SQLAlchemy every statement's parameters) are kept above that level, whatever
level the bot runs at. An exception's message may quote input too, so failures are logged as
their type and stack only.
"""

from __future__ import annotations

import logging
import traceback

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# logger name → the lowest level it may log at
FLOORS = {
    "httpx": logging.WARNING,  # request URLs carry the bot token
    "httpcore": logging.WARNING,
    "apscheduler": logging.WARNING,
    # "skipped: maximum number of running instances reached" whenever a tick outlasts the
    # interval, i.e. several times a second during a fan-out: by design (one tick at a time).
    "apscheduler.scheduler": logging.ERROR,
    "transitions": logging.WARNING,  # a line per callback is noise
    "telegram": logging.INFO,  # at DEBUG: whole updates, i.e. what people typed
    "sqlalchemy": logging.WARNING,  # at INFO: statements with their parameters
    "asyncpg": logging.WARNING,
    "alembic": logging.INFO,
}


def configure_logging(level: int | str = logging.INFO, quiet: bool = False) -> None:
    """Logs to stderr at `level` (WARNING when `quiet`), with the libraries clamped."""
    if isinstance(level, str):
        level = logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
    if quiet:
        level = logging.WARNING
    logging.basicConfig(level=level, format=FORMAT)
    clamp_libraries(level)


def clamp_libraries(level: int) -> None:
    """Keeps each library at its floor, or at `level` when that is higher."""
    for name, floor in FLOORS.items():
        logging.getLogger(name).setLevel(max(level, floor))


def described(error: BaseException) -> str:
    """An exception as its type and where it happened, without its message (which may quote
    what the person typed, or SQL parameters)."""
    stack = "".join(traceback.format_tb(error.__traceback__))
    return f"{type(error).__name__}\n{stack}".rstrip()
