"""The bot's pending update queue: ids, allowed_updates filtering and offset confirmation."""

from __future__ import annotations

from typing import Any

from fake_bot_api.signal import Signal

Update = dict[str, Any]

# Update kinds Telegram delivers when allowed_updates was never set (or set to []).
DEFAULT_ALLOWED = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)


def update_kind(update: Update) -> str:
    """Return the update's kind: its one key besides update_id."""
    return next((key for key in update if key != "update_id"), "")


class UpdateQueue:
    """Updates waiting for the bot, in id order, until confirmed by offset or delivery."""

    def __init__(self, changed: Signal) -> None:
        self._changed = changed
        self._pending: list[Update] = []
        self._next_id = 1
        self.allowed: frozenset[str] = DEFAULT_ALLOWED
        self.handed_out = 0  # highest update_id the bot has received
        self.filtered: list[Update] = []  # pushed but dropped by allowed_updates

    def push(self, update: Update) -> int:
        """Enqueue an update (assigning update_id if missing); return its id."""
        update = dict(update)
        update_id = update.get("update_id")
        if not isinstance(update_id, int):
            update_id = self._next_id
            update["update_id"] = update_id
        self._next_id = max(self._next_id, update_id + 1)
        if update_kind(update) not in self.allowed:
            self.filtered.append(update)
        else:
            self._pending.append(update)
        self._changed.notify()
        return update_id

    def set_allowed(self, kinds: list[str] | None) -> None:
        """Apply an allowed_updates setting (None keeps the previous one; [] is the default)."""
        if kinds is not None:
            self.allowed = frozenset(kinds) if kinds else DEFAULT_ALLOWED

    def confirm(self, offset: int) -> None:
        """Forget updates below `offset`; a negative offset keeps only the last -offset."""
        if offset < 0:
            self._pending = self._pending[offset:]
        else:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]

    def peek(self, limit: int) -> list[Update]:
        """Return up to `limit` of the oldest pending updates."""
        return self._pending[:limit]

    def first(self) -> Update | None:
        """Return the oldest pending update, if any."""
        return self._pending[0] if self._pending else None

    def remove(self, update_id: int) -> None:
        """Forget one update (delivered by webhook)."""
        self._pending = [u for u in self._pending if u["update_id"] != update_id]

    def drop_all(self) -> None:
        """Forget every pending update (drop_pending_updates)."""
        self._pending.clear()
        self._changed.notify()

    def mark_handed_out(self, updates: list[Update]) -> None:
        """Record that the bot received these updates."""
        if updates:
            self.handed_out = max(self.handed_out, max(u["update_id"] for u in updates))
            self._changed.notify()

    @property
    def pending_count(self) -> int:
        """Return how many updates are not yet confirmed."""
        return len(self._pending)

    def unfetched(self) -> list[Update]:
        """Return pending updates the bot has never received."""
        return [u for u in self._pending if u["update_id"] > self.handed_out]
