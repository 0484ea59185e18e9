"""People: the users table — found or created by their outside id, kept current, marked blocked."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.storage import queries as q
from bot.storage import tables as t
from bot.storage.part import Part

# Activity is for retention (a year): it is written when the stored time is older than this.
ACTIVITY_PRECISION = timedelta(hours=1)


class People(Part):
    """Works the users table (`repo.people`); erasing a person is bot.storage.privacy's."""

    def user_id_for(
        self, external_id: str, chat_id: int | None = None, *, create: bool = True
    ) -> int | None:
        """Finds (or creates) the user behind an outside id, keeping the chat id current."""
        found = (self.session.execute(q.USER_BY_EXTERNAL, {"external_id": external_id})).first()
        if found is not None:
            if chat_id is not None and found.chat_id != chat_id:
                self.update(found.id, chat_id=chat_id)
            return int(found.id)
        if not create:
            return None
        new = q.insert_on_conflict(self._postgres, t.users, ("external_id",), returning=("id",))
        new_id = (
            self.session.execute(new, {"external_id": external_id, "chat_id": chat_id})
        ).scalar_one_or_none()
        if new_id is None:  # a concurrent turn created it in between
            return self.user_id_for(external_id, chat_id, create=False)
        return int(new_id)

    def touch(self, user_id: int, now: datetime, *, last: datetime | None = None) -> None:
        """Records that the person was active, unless `last` (the stored time) is recent."""
        if last is None or not now - ACTIVITY_PRECISION < last <= now:
            self.update(user_id, last_active_at=now)

    def set_blocked(self, user_id: int, blocked: bool) -> None:
        """Marks that the person blocked (or unblocked) the bot."""
        self.update(user_id, blocked=blocked)

    def update(self, user_id: int, **values: Any) -> None:
        """Sets the given columns of the person's row."""
        self.session.execute(q.UPDATE_USER, {"b_user_id": user_id, **values})


class UnknownUser(LookupError):
    """No user has this id."""
