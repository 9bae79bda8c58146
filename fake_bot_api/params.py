"""Decoding Bot API parameters from JSON bodies, form fields and query strings.

Telegram accepts the same parameters as a JSON body, as form fields (url-encoded or
multipart; PTB's HTTPXRequest sends url-encoded forms with nested values JSON-encoded)
or in the query string. Form values are strings; they are turned back into typed values
here, per parameter name, so the method implementations see one shape.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from fake_bot_api.errors import bad_request

JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
        "allowed_updates",
        "commands",
        "scope",
        "media",
    }
)
INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "cache_time",
        "max_connections",
        "message_thread_id",
        "reply_to_message_id",
        "user_id",
    }
)
NUMBER_FIELDS = frozenset({"timeout"})
BOOL_FIELDS = frozenset(
    {
        "show_alert",
        "drop_pending_updates",
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "for_channels",
    }
)
_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


def _decode_value(name: str, value: str) -> Any:
    if name in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    if name in INT_FIELDS:
        try:
            return int(value)
        except ValueError:
            return value
    if name in NUMBER_FIELDS:
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    if name in BOOL_FIELDS and value.lower() in _TRUE | _FALSE:
        return value.lower() in _TRUE
    return value


def decode_params(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Return parameters with string-encoded values decoded according to their name."""
    return {
        name: _decode_value(name, value) if isinstance(value, str) else value
        for name, value in raw.items()
    }


async def read_params(request: web.Request) -> dict[str, Any]:
    """Collect and decode parameters from the query string and a JSON or form body."""
    values: dict[str, Any] = dict(request.query)
    if not request.can_read_body:
        return decode_params(values)
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON encoded request body") from None
        if not isinstance(body, dict):
            raise bad_request("JSON object expected as request body")
        values.update(body)
    else:
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                values[name] = {"file": value.filename, "data": value.file.read()}
            else:
                values[name] = value
    return decode_params(values)


class Params:
    """Typed, validating access to one request's decoded parameters."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def has(self, name: str) -> bool:
        """Return True if the parameter was given (and is not null)."""
        return self.values.get(name) is not None

    def string(self, name: str) -> str | None:
        """Return a String parameter, or None when absent."""
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, bool | dict | list):
            raise bad_request(f'field "{name}" must be of type String')
        return str(value)

    def required_string(self, name: str, missing: str) -> str:
        """Return a String parameter; 400 with reason `missing` when absent."""
        value = self.string(name)
        if value is None:
            raise bad_request(missing)
        return value

    def integer(self, name: str) -> int | None:
        """Return an Integer parameter, or None when absent."""
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_request(f'field "{name}" must be of type Integer')
        return value

    def required_integer(self, name: str, missing: str) -> int:
        """Return an Integer parameter; 400 with reason `missing` when absent."""
        value = self.integer(name)
        if value is None:
            raise bad_request(missing)
        return value

    def number(self, name: str, default: float) -> float:
        """Return a numeric parameter or `default`."""
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad_request(f'field "{name}" must be a Number')
        return float(value)

    def boolean(self, name: str) -> bool:
        """Return a Boolean parameter (False when absent)."""
        value = self.values.get(name)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise bad_request(f'field "{name}" must be of type Boolean')
        return value

    def json(self, name: str, *, error: str | None = None) -> Any:
        """Return a JSON-valued parameter (object or array), or None when absent."""
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            raise bad_request(error or f"can't parse {name} JSON object")
        return value

    def optional_chat_id(self) -> int | str | None:
        """Return chat_id as an int or an "@username" string, or None when absent."""
        value = self.values.get("chat_id")
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise bad_request("chat not found")
        return value

    def chat_id(self) -> int | str:
        """Return the required chat_id; 400 "chat_id is empty" when absent."""
        value = self.optional_chat_id()
        if value is None:
            raise bad_request("chat_id is empty")
        return value
