"""A fake Telegram Bot API server on loopback, with simulated users, for end-to-end tests."""

from fake_bot_api.errors import ApiError
from fake_bot_api.faults import FaultPlan, FaultRule
from fake_bot_api.html import HtmlParseError, parse_html
from fake_bot_api.markup import Button
from fake_bot_api.models import ApiCall, BotMessage, CallbackRecord, SimChat
from fake_bot_api.server import FakeTelegram
from fake_bot_api.users import SimUser

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
