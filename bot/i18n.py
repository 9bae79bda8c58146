"""Interface text from Fluent catalogues (``bot/locales/<locale>/*.ftl``), HTML-safe.

Every argument is HTML-escaped unless it is ``Markup`` (HTML the code built itself),
so nothing a user sends can turn into markup. Numbers are formatted in the locale's
digits (``bot.l10n``). A right-to-left locale's output is laid out right to left
(``bot.bidi``) in two places only: ``Text.screen`` (every message the bot sends) and
``Text.plain`` (button labels, toasts, alerts, menus). ``Text.__call__`` returns a piece
of a message, which is directed when the screen is made.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fluent.runtime import FluentResource
from fluent.syntax.ast import Junk, Message

from bot import l10n
from bot.bidi import rtl_html, rtl_plain

if TYPE_CHECKING:
    from telegram import InlineKeyboardMarkup

LOCALES = ("en", "fa")
DEFAULT_LOCALE = "en"
LOCALES_DIR = Path(__file__).parent / "locales"


class Markup(str):
    """A string that is already valid Telegram HTML: not escaped again."""

    __slots__ = ()


def escape(text: object) -> Markup:
    """``text`` as Telegram HTML: escaped, unless it is Markup already."""
    return text if isinstance(text, Markup) else Markup(html.escape(str(text), quote=False))


def link(url: str, text: str) -> Markup:
    """A link to ``url`` showing ``text``, both escaped."""
    return Markup(f'<a href="{html.escape(url, quote=True)}">{escape(text)}</a>')


@dataclass(frozen=True)
class Screen:
    """A rendered message: Telegram HTML text, an optional inline keyboard, and the link
    Telegram should preview, if any (previews are off otherwise). Made by ``Text.screen``,
    which lays the text out for the interface language."""

    text: Markup
    keyboard: InlineKeyboardMarkup | None = None
    preview_url: str | None = None


class CatalogueError(Exception):
    """A catalogue is missing, unparsable, or lacks a message."""


class Translator:
    """Formats messages in a locale, falling back to English for a missing key."""

    def __init__(self, directory: Path = LOCALES_DIR) -> None:
        self.bundles: dict[str, l10n.LocalBundle] = {}
        self._message_ids: dict[str, set[str]] = {}
        for locale in LOCALES:
            bundle = l10n.LocalBundle([locale], use_isolating=False)
            ids: set[str] = set()
            files = sorted((directory / locale).glob("*.ftl"))
            if not files:
                raise CatalogueError(f"{directory / locale}: no .ftl catalogues")
            for path in files:
                try:
                    resource = FluentResource(path.read_text(encoding="utf-8"))
                except OSError as exc:
                    raise CatalogueError(f"{path}: {exc.strerror}") from None
                junk = [entry for entry in resource.body if isinstance(entry, Junk)]
                if junk:
                    raise CatalogueError(f"{path}: cannot parse {str(junk[0].content)[:60]!r}")
                bundle.add_resource(resource)
                ids.update(e.id.name for e in resource.body if isinstance(e, Message))
            self.bundles[locale] = bundle
            self._message_ids[locale] = ids

    def keys(self, locale: str) -> set[str]:
        """The ids of the messages (not terms) in a locale's catalogues."""
        return set(self._message_ids[locale])

    def __call__(self, locale: str, key: str, /, **args: Any) -> Markup:
        """The message as Telegram HTML; arguments are escaped unless they are Markup."""
        safe = {n: v if isinstance(v, int | float) else escape(v) for n, v in args.items()}
        return Markup(self.format(locale, key, safe))

    @staticmethod
    def _fluent(value: Any) -> Any:
        """Numbers as Fluent numbers that format in the bundle's digits."""
        return l10n.fluent_number(value) if isinstance(value, int | float) else value

    def format(self, locale: str, key: str, args: Mapping[str, Any]) -> str:
        """The message with ``args`` inserted as they are (for plain text such as buttons)."""
        bundle = self.bundles.get(locale) or self.bundles[DEFAULT_LOCALE]
        if not bundle.has_message(key):
            bundle = self.bundles[DEFAULT_LOCALE]
            if not bundle.has_message(key):
                raise CatalogueError(f"no message {key!r}")
        message = bundle.get_message(key)
        if message.value is None:
            raise CatalogueError(f"{locale}/{key}: the message has no value")
        fluent_args = {name: self._fluent(value) for name, value in args.items()}
        text, errors = bundle.format_pattern(message.value, fluent_args)
        if errors:
            raise CatalogueError(f"{locale}/{key}: {errors[0]}")
        return str(text)

    def locale(self, locale: str) -> Text:
        return Text(self, locale if locale in self.bundles else DEFAULT_LOCALE)


class Text:
    """The translator bound to one locale: ``t("key", name=value)``."""

    def __init__(self, translator: Translator, locale: str) -> None:
        self.translator = translator
        self.locale = locale
        self.rtl = locale in l10n.RTL_LOCALES

    def __call__(self, key: str, /, **args: Any) -> Markup:
        """A piece of a message (HTML); ``screen`` lays the whole message out."""
        return self.translator(self.locale, key, **args)

    def plain(self, key: str, /, **args: Any) -> str:
        """Unescaped text, for places that are not HTML (button labels, alerts), laid out
        for the interface language."""
        text = self.translator.format(self.locale, key, args)
        return rtl_plain(text) if self.rtl else text

    def screen(
        self,
        text: str,
        keyboard: InlineKeyboardMarkup | None = None,
        preview_url: str | None = None,
    ) -> Screen:
        """The message the bot sends, its text laid out for the interface language: every
        screen is made here (``bot.bidi`` says why)."""
        return Screen(self.directed(text), keyboard, preview_url)

    def directed(self, text: str) -> Markup:
        """Telegram HTML laid out for the interface language (unchanged left to right)."""
        return Markup(rtl_html(text) if self.rtl else text)

    def number(self, value: int, width: int = 1) -> str:
        """An integer in the interface's digits, zero-padded to ``width``, not grouped."""
        return l10n.number(self.locale, value, width)

    def clock(self, hour: int, minute: int = 0) -> str:
        """A time of day, "18:00", in the interface's digits."""
        return l10n.clock(self.locale, hour, minute)
