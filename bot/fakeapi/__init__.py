"""A fake Telegram Bot API server on loopback, with simulated users, for end-to-end tests."""

from bot.fakeapi.errors import ApiError
from bot.fakeapi.faults import FaultPlan, FaultRule
from bot.fakeapi.html import HtmlParseError, parse_html
from bot.fakeapi.markup import Button
from bot.fakeapi.models import ApiCall, BotMessage, CallbackRecord, SimChat
from bot.fakeapi.server import FakeTelegram
from bot.fakeapi.users import SimUser

__all__ = [
    "ApiCall",
    "ApiError",
    "BotMessage",
    "Button",
    "CallbackRecord",
    "FakeTelegram",
    "FaultPlan",
    "FaultRule",
    "HtmlParseError",
    "SimChat",
    "SimUser",
    "parse_html",
]
