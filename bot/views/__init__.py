"""Rendering: snapshots in, Telegram HTML text and inline keyboards out."""

from bot.views.screen import Screen

__all__ = ["Screen"]
