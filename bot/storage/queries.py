"""The hot path's statements, built once per process.

Building a statement (an upsert's `excluded` alias above all) costs more than running it on
SQLite, so the per-turn statements are made here once and run with parameters. Children that are
few and small (exposure levels, mornings) ride along with the user row as JSON arrays, saving two
round trips per turn.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import JSON, Select, Table, and_, bindparam, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.base import Executable

from bot.storage import tables as t
from bot.storage.convert import CHECKIN_FIELDS
from flows.model import CheckinStatus

UNFINISHED = (CheckinStatus.OPEN, CheckinStatus.AWAITING_A1, CheckinStatus.AWAITING_A2)

_u, _c, _ck, _lv, _m = t.users, t.conversations, t.checkins, t.exposure_levels, t.mornings
_d = t.due_events

USER_BY_EXTERNAL = select(_u.c.id, _u.c.chat_id).where(_u.c.external_id == bindparam("external_id"))

CHECKINS = (  # the columns of CHECKIN_FIELDS, in that order (bot.storage.convert.checkin)
    select(*(_ck.c[name] for name in CHECKIN_FIELDS))
    .where(
        _ck.c.user_id == bindparam("user_id"),
        or_(
            _ck.c.created_at >= bindparam("since"),
            # Not IN (…): an IN list is re-rendered into the SQL on every execution.
            *(_ck.c.status == s.value for s in UNFINISHED),
        ),
    )
    .order_by(_ck.c.no)
)

UPDATE_USER = update(_u).where(_u.c.id == bindparam("b_user_id"))  # SET: the columns given

SET_PROMPT = update(_c).where(_c.c.user_id == bindparam("b_user_id"))

SAVE_CONVERSATION = (
    update(_c)
    .where(_c.c.user_id == bindparam("b_user_id"), _c.c.version == bindparam("b_expected"))
    .returning(_c.c.version)
)

CANCEL = update(_d).where(
    _d.c.dedupe_key == bindparam("b_key"),
    _d.c.user_id == bindparam("b_user_id"),
    _d.c.status == "pending",
)

CANCEL_KIND = update(_d).where(
    _d.c.kind == bindparam("b_kind"),
    _d.c.user_id == bindparam("b_user_id"),
    _d.c.status == "pending",
)


def _head(postgres: bool) -> Select[tuple[object, ...]]:
    from bot.storage.goals import head_columns  # it builds on this module's upsert

    agg, row = _json(postgres)
    max_no = select(func.max(_ck.c.no)).where(_ck.c.user_id == _u.c.id)
    levels = select(agg(row(_lv.c.movement, _lv.c.level, _lv.c.return_to), type_=JSON)).where(
        _lv.c.user_id == _u.c.id
    )
    mornings = select(agg(row(_m.c.day, _m.c.pain), type_=JSON)).where(
        _m.c.user_id == _u.c.id, _m.c.day >= bindparam("since_day")
    )
    return select(
        _u,
        _c.c.active,
        _c.c.suspended,
        _c.c.step,
        _c.c.version,
        _c.c.prompt_message_id,
        _c.c.last_press,
        max_no.scalar_subquery().label("max_no"),
        levels.scalar_subquery().label("levels"),
        mornings.scalar_subquery().label("mornings"),
        *head_columns(postgres),
    ).select_from(_u.outerjoin(_c, _c.c.user_id == _u.c.id))


def _json(postgres: bool) -> tuple[Any, Any]:
    """The JSON aggregate and array functions of the backend."""
    if postgres:
        return func.json_agg, func.json_build_array
    return func.json_group_array, func.json_array


@functools.cache
def head(postgres: bool) -> Select[tuple[object, ...]]:
    """The user row, its conversation (live prompt included), its highest check-in number, its
    levels and mornings.

    Parameters: user_id, since_day. `levels` is [[movement, level, return_to], …] and `mornings`
    [[day "YYYY-MM-DD", pain], …] in no particular order; either may be NULL when empty. `goals`
    and `ratings` are bot.storage.goals.head_columns.
    """
    return _head(postgres).where(_u.c.id == bindparam("user_id"))


@functools.cache
def turn_by_external(postgres: bool) -> Select[tuple[object, ...]]:
    """All a turn reads, found by outside id, in one round trip: head()'s columns and the
    check-ins of CHECKINS as `checkins`, a JSON array of [CHECKIN_FIELDS…] arrays (NULL when
    none; bot.storage.convert.checkins reads it).

    Parameters: external_id, since, since_day.
    """
    agg, row = _json(postgres)
    fields = (_ck.c[name] for name in CHECKIN_FIELDS)
    listed = select(agg(row(*fields), type_=JSON)).where(
        _ck.c.user_id == _u.c.id,
        or_(_ck.c.created_at >= bindparam("since"), *(_ck.c.status == s.value for s in UNFINISHED)),
    )
    return (
        _head(postgres)
        .add_columns(listed.scalar_subquery().label("checkins"))
        .where(_u.c.external_id == bindparam("external_id"))
    )


@functools.cache
def insert_on_conflict(
    postgres: bool,
    table: Table,
    key: tuple[str, ...],
    update_columns: tuple[str, ...] = (),
    returning: tuple[str, ...] = (),
) -> Executable:
    """INSERT … ON CONFLICT (key) DO NOTHING, or DO UPDATE SET `update_columns`.

    The values come as execute() parameters.
    """
    stmt = postgresql.insert(table) if postgres else sqlite.insert(table)
    if update_columns:
        changed = {name: stmt.excluded[name] for name in update_columns}
        stmt = stmt.on_conflict_do_update(index_elements=key, set_=changed)
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=key)
    return stmt.returning(*(table.c[name] for name in returning)) if returning else stmt


@functools.cache
def schedule(postgres: bool) -> Executable:
    """Inserts a due event; an existing key is left alone unless cancelled, then armed again."""
    stmt = postgresql.insert(_d) if postgres else sqlite.insert(_d)
    rearm = [c.name for c in _d.c if c.name not in ("id", "user_id", "dedupe_key")]
    return stmt.on_conflict_do_update(
        index_elements=[_d.c.dedupe_key],
        set_={name: stmt.excluded[name] for name in rearm},
        where=and_(_d.c.status == "cancelled", _d.c.user_id == stmt.excluded.user_id),
    )
