"""Button data codec: ``<version>:<action>:<argument>``, validated on decode.

Buttons carry only stable ids, never state, so they keep working after a restart and
on any instance. Telegram allows at most 64 bytes; ids are short slugs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, cast

VERSION = "1"
MAX_BYTES = 64
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")
#: A note's id: the database's 32-bit integer (up to nine digits: a larger one no note has).
_NOTE_ID = re.compile(r"^[1-9][0-9]{0,8}$")


class Action(StrEnum):
    """What a button does; the value is what travels to Telegram."""

    DONE = "d"  # arg: resource id
    SKIP = "s"  # arg: resource id
    SKIP_TOPIC = "t"  # arg: topic id
    OTHER_LANGUAGE = "o"  # arg: topic id
    NEXT = "n"  # no arg
    LANGUAGE_MENU = "lm"  # arg: where to go back ("next" or "")
    MATERIAL = "m"  # arg: en | fa | both
    MATERIAL_NEXT = "mn"  # arg: en | fa | both; then back to the study card
    INTERFACE = "u"  # arg: en | fa
    INTERFACE_MENU = "um"  # no arg
    ROADMAP = "r"  # no arg
    OPEN_STEP = "rs"  # arg: step id
    START_HERE = "h"  # arg: step or topic id
    FRAMEWORK = "f"  # arg: topic id
    FRAMEWORK_MENU = "fm"  # no arg
    ELECTIVE = "e"  # arg: topic id
    ELECTIVE_MENU = "em"  # no arg
    ONBOARD_MATERIAL = "om"  # arg: en | fa | both
    ONBOARD_START = "os"  # arg: step or topic id, or "begin"
    RESET = "x"  # arg: "keep" (notes stay) | "all" (notes go too) | "no"; "yes" is "keep"
    REMINDERS = "rm"  # arg: which screen: "" (settings) | day | hour | zone | type
    REMINDER_SET = "rx"  # arg: on | off | snooze | d<weekday> | h<hour> | z<IANA zone>
    ONBOARD_REMIND = "or"  # arg: yes | no | custom
    FORGET = "fg"  # arg: "yes" | "no" (/forget's confirmation)
    STARTED = "g"  # arg: resource id
    UNDO = "z"  # arg: resource id, then "~d", "~k", "~g" or "~u" for the status to restore
    REVISIT = "v"  # arg: resource id (study a skipped resource again)
    UNSKIP_FROM = "hu"  # arg: step id (bring back what was skipped from there on)
    KNOW_TOPIC = "k"  # arg: topic id ("I know this topic": the rest is not needed)
    MAP = "mp"  # no arg (the picture of the learner's map)
    UNKNOW_TOPIC = "zk"  # arg: topic id (undo KNOW_TOPIC)
    TOPIC = "tl"  # arg: topic id (every resource of the topic)
    SHOW = "w"  # arg: resource id (its card, status unchanged)
    PRICE = "p"  # arg: free | all, then "-o" (onboarding) or "-n" (back to the card)
    #: arg: yes | no, then "-n" (/language opened from the card) or "-c" (back to the card)
    OTHER_LANGUAGE_ALWAYS = "ol"
    NOTE = "nt"  # arg: resource id (the next text is a note on it)
    NOTES = "nl"  # arg: page number, from 0 ("": the first)
    NOTE_EDIT = "ne"  # arg: note id (the next text replaces it)
    NOTE_DELETE = "nd"  # arg: note id (asks first)
    NOTE_DELETE_YES = "ny"  # arg: note id
    PLAN = "pl"  # arg: "" (the plan screen) | "type" (type the hours) | "off" (remove it)
    PLAN_SET = "ps"  # arg: hours a week, 1-80
    #: arg: "y" (still fresh) or "o" (open again), the stage (1-3), "-", the topic id
    REVIEW = "rv"
    REVIEW_SET = "ro"  # arg: on | off (the nudge's review questions)


_ARGS: dict[Action, re.Pattern[str]] = {
    **{
        a: _SLUG
        for a in (
            Action.DONE,
            Action.SKIP,
            Action.SKIP_TOPIC,
            Action.OTHER_LANGUAGE,
            Action.OPEN_STEP,
            Action.START_HERE,
            Action.FRAMEWORK,
            Action.ELECTIVE,
            Action.ONBOARD_START,
            Action.STARTED,
            Action.REVISIT,
            Action.UNSKIP_FROM,
            Action.KNOW_TOPIC,
            Action.UNKNOW_TOPIC,
            Action.TOPIC,
            Action.SHOW,
            Action.NOTE,
        )
    },
    **{a: _NOTE_ID for a in (Action.NOTE_EDIT, Action.NOTE_DELETE, Action.NOTE_DELETE_YES)},
    Action.NOTES: re.compile(r"^(?:0|[1-9][0-9]{0,3})?$"),
    Action.PRICE: re.compile(r"^(free|all)(-[on])?$"),
    Action.OTHER_LANGUAGE_ALWAYS: re.compile(r"^(yes|no)(-[nc])?$"),
    Action.UNDO: re.compile(_SLUG.pattern.removesuffix("$") + r"(?:~[dkgu])?$"),
    Action.NEXT: re.compile(r"^$"),
    Action.ROADMAP: re.compile(r"^$"),
    Action.MAP: re.compile(r"^$"),
    Action.FRAMEWORK_MENU: re.compile(r"^$"),
    Action.ELECTIVE_MENU: re.compile(r"^$"),
    Action.LANGUAGE_MENU: re.compile(r"^(next)?$"),
    Action.MATERIAL: re.compile(r"^(en|fa|both)$"),
    Action.MATERIAL_NEXT: re.compile(r"^(en|fa|both)$"),
    Action.ONBOARD_MATERIAL: re.compile(r"^(en|fa|both)$"),
    Action.INTERFACE: re.compile(r"^(en|fa)$"),
    Action.INTERFACE_MENU: re.compile(r"^$"),
    Action.RESET: re.compile(r"^(yes|keep|all|no)$"),
    Action.REMINDERS: re.compile(r"^(day|hour|zone|type)?$"),
    Action.REMINDER_SET: re.compile(
        r"^(on|off|snooze|d[0-6]|h(?:1?[0-9]|2[0-3])|z[A-Za-z][A-Za-z0-9_+/-]{0,40})$"
    ),
    Action.ONBOARD_REMIND: re.compile(r"^(yes|no|custom)$"),
    Action.FORGET: re.compile(r"^(yes|no)$"),
    Action.PLAN: re.compile(r"^(type|off)?$"),
    Action.PLAN_SET: re.compile(r"^(?:[1-9]|[1-7][0-9]|80)$"),
    Action.REVIEW: re.compile(r"^[yo][1-3]-" + _SLUG.pattern.removeprefix("^")),
    Action.REVIEW_SET: re.compile(r"^(on|off)$"),
}


class InvalidCallbackData(ValueError):
    """Button data that this bot did not make, or made in an incompatible version."""


@dataclass(frozen=True)
class CallbackData:
    action: Action
    arg: str = ""

    def encode(self) -> str:
        if not _ARGS[self.action].match(self.arg):
            raise ValueError(f"bad argument {self.arg!r} for {self.action.name}")
        data = f"{VERSION}:{self.action.value}:{self.arg}"
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data


def encode(action: Action, arg: str = "") -> str:
    return CallbackData(action, arg).encode()


def decode(data: str | None) -> CallbackData:
    """Parse button data, refusing anything this version did not produce."""
    if not data or len(data.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InvalidCallbackData("empty or too long")
    version, sep, rest = data.partition(":")
    if version != VERSION or not sep:
        raise InvalidCallbackData(f"unknown version {version!r}")
    code, sep, arg = rest.partition(":")
    if not sep:
        raise InvalidCallbackData("missing argument separator")
    try:
        action = Action(code)
    except ValueError:
        raise InvalidCallbackData(f"unknown action {code!r}") from None
    if not _ARGS[action].match(arg):
        raise InvalidCallbackData(f"bad argument for {action.name}")
    return CallbackData(action, arg)


@dataclass(frozen=True)
class ReminderSetting:
    """A REMINDER_SET button's argument, decoded: the setting and its new value."""

    name: Literal["on", "off", "snooze", "weekday", "hour", "zone"]
    value: int | str | None = None


def reminder_setting(data: CallbackData) -> ReminderSetting:
    """The setting a REMINDER_SET button changes (its argument was checked by ``decode``)."""
    if data.action is not Action.REMINDER_SET:
        raise InvalidCallbackData(f"{data.action.name} sets no reminder")
    arg = data.arg
    match arg[:1]:
        case _ if arg in ("on", "off", "snooze"):
            return ReminderSetting(cast('Literal["on", "off", "snooze"]', arg))
        case "d":
            return ReminderSetting("weekday", int(arg[1:]))
        case "h":
            return ReminderSetting("hour", int(arg[1:]))
        case "z":
            return ReminderSetting("zone", arg[1:])
    raise InvalidCallbackData(f"bad argument for {data.action.name}")


def pattern(*actions: Action) -> re.Pattern[str]:
    """A handler ``pattern=`` matching these actions (the argument is checked by ``decode``)."""
    codes = "|".join(re.escape(a.value) for a in actions)
    return re.compile(rf"^{VERSION}:(?:{codes}):")


#: An UNDO argument's suffix for each status it restores (no suffix: no status).
_UNDO_CODES = {"done": "d", "skipped": "k", "started": "g", "unneeded": "u"}


def undo_argument(resource_id: str, previous: str | None) -> str:
    """The UNDO argument that puts ``resource_id`` back to ``previous`` (a status or None)."""
    return resource_id + (f"~{_UNDO_CODES[previous]}" if previous else "")


def undo_target(data: CallbackData) -> tuple[str, str | None]:
    """The resource and the status (or None) an UNDO button restores."""
    if data.action is not Action.UNDO:
        raise InvalidCallbackData(f"{data.action.name} undoes nothing")
    resource_id, _, code = data.arg.partition("~")
    statuses = {c: status for status, c in _UNDO_CODES.items()}
    return resource_id, statuses[code] if code else None


@dataclass(frozen=True)
class ReviewAnswer:
    """A REVIEW button's argument, decoded."""

    answer: Literal["yes", "open"]
    stage: int
    topic_id: str


def review_argument(answer: Literal["yes", "open"], stage: int, topic_id: str) -> str:
    """The REVIEW argument answering ``stage`` of ``topic_id``."""
    return f"{answer[0]}{stage}-{topic_id}"


def review_answer(data: CallbackData) -> ReviewAnswer:
    """The answer a REVIEW button gives (its argument was checked by ``decode``)."""
    if data.action is not Action.REVIEW:
        raise InvalidCallbackData(f"{data.action.name} answers no review")
    head, _, topic_id = data.arg.partition("-")
    return ReviewAnswer("yes" if head[0] == "y" else "open", int(head[1]), topic_id)
