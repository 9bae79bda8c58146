"""Who is asking: the Telegram user behind an update, and their interface language."""

from __future__ import annotations

from dataclasses import dataclass


def ui_language_for(language_code: str | None) -> str:
    """The interface language for Telegram's ``language_code`` (Persian or English)."""
    return "fa" if (language_code or "").lower().split("-")[0] == "fa" else "en"


@dataclass(frozen=True)
class Who:
    """The Telegram user behind an update."""

    user_id: int
    chat_id: int
    first_name: str | None = None
    language_code: str | None = None
