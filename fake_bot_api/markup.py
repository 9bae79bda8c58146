"""reply_markup validation (inline keyboards checked like Telegram) and the Button view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fake_bot_api.errors import ApiError, bad_request

MAX_BUTTONS = 100
MAX_CALLBACK_DATA_BYTES = 64
BUTTON_URL_SCHEMES = frozenset({"http", "https", "tg"})
ACTION_FIELDS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_BAD_OBJECT = "can't parse reply keyboard markup JSON object"


@dataclass(frozen=True)
class Button:
    """One inline keyboard button as the user sees it."""

    text: str
    callback_data: str | None = None
    url: str | None = None


def buttons_of(markup: dict[str, Any] | None) -> list[list[Button]]:
    """Return the rows of an inline keyboard (empty for none or a reply keyboard)."""
    if not markup or "inline_keyboard" not in markup:
        return []
    return [
        [Button(b["text"], b.get("callback_data"), b.get("url")) for b in row]
        for row in markup["inline_keyboard"]
    ]


def _button_error(reason: str) -> ApiError:
    return bad_request(f"can't parse inline keyboard button: {reason}")


def _check_url(url: object) -> None:
    if not isinstance(url, str):
        raise bad_request("BUTTON_URL_INVALID")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in BUTTON_URL_SCHEMES or (scheme != "tg" and not parts.netloc):
        raise bad_request("BUTTON_URL_INVALID")


def _check_button(button: object) -> dict[str, Any]:
    if not isinstance(button, dict):
        raise _button_error("InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise _button_error('Field "text" must be of type String')
    if not text.strip():
        raise _button_error("Text must be non-empty")
    actions = [name for name in ACTION_FIELDS if button.get(name) is not None]
    if not actions:
        raise _button_error("Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise _button_error(f"exactly one action field must be used, got {', '.join(actions)}")
    data = button.get("callback_data")
    data_ok = isinstance(data, str) and 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES
    if "callback_data" in actions and not data_ok:
        raise bad_request("BUTTON_DATA_INVALID")
    if "url" in actions:
        _check_url(button["url"])
    return {key: value for key, value in button.items() if value is not None}


def _check_inline(rows: object) -> dict[str, Any] | None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        )
    checked = [[_check_button(button) for button in row] for row in rows]
    checked = [row for row in checked if row]
    if sum(len(row) for row in checked) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    return {"inline_keyboard": checked} if checked else None


def _check_reply_keyboard(markup: dict[str, Any]) -> dict[str, Any]:
    rows = markup["keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays')
    for row in rows:
        for button in row:
            text = button.get("text") if isinstance(button, dict) else button
            if not isinstance(text, str) or not text:
                raise bad_request("can't parse keyboard button: text must be a non-empty String")
    return markup


def check_reply_markup(markup: object, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Validate a decoded reply_markup; return what the message keeps (None: no keyboard)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request(_BAD_OBJECT)
    if "inline_keyboard" in markup:
        return _check_inline(markup["inline_keyboard"])
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        return _check_reply_keyboard(markup)
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad_request(_BAD_OBJECT)
