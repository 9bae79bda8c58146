"""Inline keyboard builders: every callback button goes through the codec."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callback_data import Action, encode


def button(text: str, action: Action, arg: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(action, arg))


def url_button(text: str, url: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, url=url)


def keyboard(*rows: Sequence[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([list(row) for row in rows if row])


def columns(
    buttons: Iterable[InlineKeyboardButton], width: int = 2
) -> list[list[InlineKeyboardButton]]:
    """Lay buttons out ``width`` to a row."""
    items = list(buttons)
    return [items[i : i + width] for i in range(0, len(items), width)]
