"""How each interface language writes what is not words: direction, digits, dates, weeks.

* Direction: ``RTL_LOCALES`` (``bot.bidi`` does the work, ``bot.i18n.Text`` applies it).
* Numbers: Fluent gets numbers as ``LocalInt`` / ``LocalFloat``, ``fluent.runtime``
  number types that format with the locale's digits and separators (Persian: ۰–۹, ٬
  thousands, ٫ decimal) while plural selection still sees a plain number. Only numbers
  are converted: a title such as "Python 3", a URL or a zone name keeps its digits.
  ``LocalBundle`` keeps them as they are (the stock bundle remakes every ``int`` argument
  as a plain ``FluentInt``). A catalogue's ``NUMBER(...)`` with options would make a plain
  Fluent number again: the catalogues use none.
* Dates: Persian shows the Solar Hijri calendar (``persiantools`` rather than
  ``jdatetime``: it ships type information and has no dependencies; the conversion is all
  we take from it, the month names are in the catalogue).
* Weeks start on Saturday in Persian, on Monday otherwise; weekdays stay numbered as
  Python numbers them (Monday 0), which is what the database stores.

No Telegram imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fluent.runtime import FluentBundle
from fluent.runtime.resolver import CurrentEnvironment, ResolverEnvironment
from fluent.runtime.types import FluentFloat, FluentInt, FluentType
from fluent.runtime.utils import native_to_fluent
from persiantools.jdatetime import JalaliDate

#: Interface languages written right to left.
RTL_LOCALES = frozenset({"fa"})

_PERSIAN = str.maketrans("0123456789,.%", "۰۱۲۳۴۵۶۷۸۹٬٫٪")
_DIGITS = {"fa": _PERSIAN}


def digits(locale: str, text: str) -> str:
    """``text`` (a number formatted with ASCII digits) in the locale's digits and signs."""
    table = _DIGITS.get(locale)
    return text.translate(table) if table else text


class LocalInt(FluentInt):
    """An integer for Fluent that formats in its locale's digits."""

    def format(self, locale: Any) -> str:
        return digits(str(locale.language), str(super().format(locale)))


class LocalFloat(FluentFloat):
    """A fractional number for Fluent that formats in its locale's digits."""

    def format(self, locale: Any) -> str:
        return digits(str(locale.language), str(super().format(locale)))


def fluent_number(value: int | float) -> LocalInt | LocalFloat:
    """``value`` as a Fluent number in the bundle's digits (plural rules still apply)."""
    return LocalInt(value) if isinstance(value, int) else LocalFloat(value)


class LocalBundle(FluentBundle):
    """A ``FluentBundle`` that keeps arguments that are Fluent types already (``LocalInt``).

    ``FluentBundle.format_pattern`` (fluent.runtime 0.4) passes every argument through
    ``native_to_fluent``, which turns any ``int``, ours included, into a plain
    ``FluentInt``. This is the same method with that one difference.
    """

    def format_pattern(
        self, pattern: Any, args: dict[str, Any] | None = None
    ) -> tuple[Any, list[Exception]]:
        fluent_args = {
            name: value if isinstance(value, FluentType) else native_to_fluent(value)
            for name, value in (args or {}).items()
        }
        errors: list[Exception] = []
        env = ResolverEnvironment(
            context=self, current=CurrentEnvironment(args=fluent_args), errors=errors
        )
        try:
            result = pattern(env)
        except ValueError as exc:
            errors.append(exc)
            result = "{???}"
        return result, errors


def number(locale: str, value: int, width: int = 1) -> str:
    """An integer without grouping, zero-padded to ``width``, in the locale's digits."""
    return digits(locale, f"{value:0{width}d}")


def clock(locale: str, hour: int, minute: int = 0) -> str:
    """ "18:00" (Persian: "۱۸:۰۰")."""
    return f"{number(locale, hour, 2)}:{number(locale, minute, 2)}"


@dataclass(frozen=True)
class CalendarDate:
    """A day in the locale's calendar; ``month_key`` names its month in the catalogue."""

    year: int
    month: int
    day: int
    month_key: str


def calendar_date(locale: str, day: date) -> CalendarDate:
    """``day`` in the calendar of the interface language (Persian: Solar Hijri)."""
    if locale == "fa":
        solar = JalaliDate(day)  # type: ignore[no-untyped-call]  # its __init__ is unannotated
        return CalendarDate(solar.year, solar.month, solar.day, f"month-solar-{solar.month}")
    return CalendarDate(day.year, day.month, day.day, f"month-{day.month}")


#: Python's weekday numbers (Monday 0) in the order a week is shown.
_WEEKS = {"fa": (5, 6, 0, 1, 2, 3, 4)}
_MONDAY_FIRST = (0, 1, 2, 3, 4, 5, 6)


def week(locale: str) -> tuple[int, ...]:
    """The weekdays (Python's numbers) from the first day of the locale's week."""
    return _WEEKS.get(locale, _MONDAY_FIRST)


def zone_key(zone: str) -> str:
    """The catalogue key naming an IANA zone ("Asia/Tehran": ``zone-asia-tehran``)."""
    return "zone-" + zone.lower().replace("/", "-")
