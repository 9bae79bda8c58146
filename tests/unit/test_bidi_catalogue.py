"""Every Persian message, as the bot sends it, lays out right to left with its Latin intact.

The Unicode Bidirectional Algorithm (python-bidi) is run on each line of the plain text
Telegram would show: the line's paragraph direction must be right to left, and every
command, zone name, URL, mention and Latin title must read in its own order in the
visual line.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from bidi import get_base_level, get_display
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.bidi import CONTROLS
from bot.i18n import LOCALES_DIR, Markup, Text, Translator, link
from bot.views.reminders import when
from fake_bot_api.html import parse_html

TITLE = "Fluent Python (2nd edition)"
URL = "https://www.fluentpython.com/"
ZONE = "Asia/Tehran"
COMMAND = "/reminders"
BOT = "@backend_roadmap_bot"
NUMBERS = {
    "count", "total", "done", "skipped", "started", "unneeded", "left", "percent",
    "resolved", "weeks", "topics", "framework", "number", "extras", "week", "month",
    "onboarding", "steps", "resources", "en", "fa", "untagged", "seed", "upstream",
    "ours", "free", "paid", "unknown", "new", "removed", "day",
}  # fmt: skip
#: Arguments with a number's name that are text in one message.
TEXT_ARGUMENTS = {("finished-path", "steps"), ("progress-settings", "framework")}

_COMMAND = re.compile(r"(?<![\w/.:<])/[a-z_]+(?:@\w+)?")
_ZONE = re.compile(r"\b[A-Z][A-Za-z]+/[A-Z][A-Za-z_]+")
_URL = re.compile(r"https?://[^\s\u2066-\u2069]+")


class _Variables(Visitor):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)


def _catalogue(locale: str) -> dict[str, set[str]]:
    """Each message id of the locale's catalogues with the variables it uses."""
    messages: dict[str, set[str]] = {}
    for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message):
                visitor = _Variables()
                visitor.visit(entry)
                messages[entry.id.name] = visitor.names
    return messages


def _value(t: Text, key: str, name: str, html: bool) -> Any:
    """A realistic argument: what the bot passes, with Latin where Latin can occur."""
    fmt = t if html else t.plain
    if name in NUMBERS and (key, name) not in TEXT_ARGUMENTS:
        return 12
    match name:
        case "command":
            return COMMAND
        case "zone":
            return ZONE
        case "typed":
            return "Mars/Olympus"
        case "bot":
            return Markup(BOT) if html else BOT
        case "title" | "titles" | "label":
            return TITLE
        case "link":
            return link(URL, TITLE) if html else TITLE
        case "step" | "place" | "steps":
            return fmt("step-title", number=2, title="Web Frameworks")
        case "language" | "wanted" | "offered" | "material":
            return fmt("language-en")
        case "kind":
            return fmt("kind-book")
        case "price":
            return fmt("price-free")
        case "counts" | "parts":
            return fmt("count-done", count=3)
        case "line":
            return fmt("progress-line", resolved=3, total=40, percent=7)
        case "weekday":
            return t.plain("weekday-0")
        case "time":
            return t.clock(18)
        case "when":
            moment = datetime(2026, 12, 5, 14, 30, tzinfo=UTC).astimezone(ZoneInfo(ZONE))
            return when(t, moment)
        case "file":
            return "roadmap.yaml"
        case _:
            return "Django REST framework"


def _html_lines(t: Text, key: str, args: dict[str, Any]) -> list[str]:
    """The message as a screen (every message the bot sends is one), as Telegram shows it."""
    text, _entities = parse_html(t.screen(t(key, **args)).text)
    return text.split("\n")


def _plain_lines(t: Text, key: str, args: dict[str, Any]) -> list[str]:
    """The message as a button label, a toast or an alert."""
    return t.plain(key, **args).split("\n")


def _visual(line: str) -> str:
    return "".join(ch for ch in str(get_display(line)) if ch not in CONTROLS)


def _problems(line: str) -> list[str]:
    if not line.strip():
        return []
    problems = []
    if get_base_level(line) != 1:
        problems.append("laid out left to right")
    shown = _visual(line)
    logical = "".join(ch for ch in line if ch not in CONTROLS)
    tokens = [m.group() for pattern in (_COMMAND, _ZONE, _URL) for m in pattern.finditer(logical)]
    tokens += [token for token in (TITLE, BOT) if token in logical]
    problems += [f"{token!r} reordered" for token in tokens if token not in shown]
    return problems


@pytest.fixture(scope="module")
def persian() -> Text:
    return Translator().locale("fa")


def test_the_persian_catalogue_has_messages() -> None:
    assert len(_catalogue("fa")) > 200


@pytest.mark.parametrize("html", [True, False], ids=["message", "plain"])
def test_every_persian_message_reads_right_to_left_with_latin_in_order(
    persian: Text, html: bool
) -> None:
    render = _html_lines if html else _plain_lines
    failures = []
    for key, names in sorted(_catalogue("fa").items()):
        args = {name: _value(persian, key, name, html) for name in names}
        for line in render(persian, key, args):
            failures += [f"{key}: {problem}: {line!r}" for problem in _problems(line)]
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures)
