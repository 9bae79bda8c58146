"""Sliding-window flood control for message-sending methods, like Telegram's 429s.

Messages sent with ``allow_paid_broadcast`` are counted in a window of their own
(Telegram: up to 1,000 a second, "ignoring broadcasting limits", for a fee), not in
the overall one; the per-chat limit still applies to them.
"""

from __future__ import annotations

import math
from collections import deque

# Methods that post or change a message; only these are rate limited.
LIMITED_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendSticker",
        "sendAnimation",
        "sendAudio",
        "sendVideo",
        "sendVoice",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
        "editMessageText",
        "editMessageCaption",
        "editMessageMedia",
        "editMessageReplyMarkup",
    }
)


class SlidingWindow:
    """Allows `rate` calls per second over a sliding window (1 s, or 1/rate s below 1/s)."""

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.window = 1.0 if rate >= 1 else 1.0 / rate
        self.capacity = max(1, int(rate)) if rate >= 1 else 1
        self._stamps: deque[float] = deque()

    def retry_after(self, now: float) -> int | None:
        """Return whole seconds to wait if a call now would exceed the rate, else None."""
        while self._stamps and self._stamps[0] <= now - self.window:
            self._stamps.popleft()
        if len(self._stamps) < self.capacity:
            return None
        return max(1, math.ceil(self._stamps[0] + self.window - now))

    def record(self, now: float) -> None:
        """Count one call made at `now`."""
        self._stamps.append(now)


def is_paid_broadcast(value: object) -> bool:
    """Whether ``allow_paid_broadcast`` is true: JSON ``true``, or a form's "true" / "1"."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1"}
    return value is True or (isinstance(value, int) and value == 1)


class RateLimiter:
    """The overall limit, the paid broadcast limit, and an optional per-chat limit."""

    def __init__(
        self, overall: float | None, per_chat: float | None, paid: float | None = None
    ) -> None:
        self._overall = SlidingWindow(overall) if overall else None
        self._paid = SlidingWindow(paid) if paid else None
        self._per_chat_rate = per_chat
        self._chats: dict[int | str, SlidingWindow] = {}

    def check(
        self, method: str, chat_id: int | str | None, now: float, *, paid: bool = False
    ) -> int | None:
        """Count the call and return None, or return retry_after seconds if over a limit.

        ``paid``: the call carries ``allow_paid_broadcast``; it counts against the paid
        window instead of the overall one.
        """
        if method not in LIMITED_METHODS:
            return None
        window = self._paid if paid else self._overall
        windows = [window] if window else []
        if self._per_chat_rate and chat_id is not None:
            if chat_id not in self._chats:
                self._chats[chat_id] = SlidingWindow(self._per_chat_rate)
            windows.append(self._chats[chat_id])
        waits = [w for window in windows if (w := window.retry_after(now)) is not None]
        if waits:
            return max(waits)
        for window in windows:
            window.record(now)
        return None
