"""Persian dates are Solar Hijri, weeks start on Saturday, zones have Persian names."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from persiantools.jdatetime import JalaliDate

from bot.bidi import CONTROLS
from bot.callback_data import decode
from bot.i18n import Translator
from bot.l10n import calendar_date, week
from bot.services.reminders import ReminderView
from bot.services.schedule import COMMON_ZONES, local_time
from bot.views.reminders import day_menu, when, zone_menu
from fake_bot_api.html import parse_html


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def shown(text: str) -> str:
    return "".join(ch for ch in parse_html(text)[0] if ch not in CONTROLS)


def _when(translator: Translator, locale: str, instant: datetime, zone: str) -> str:
    return shown(when(translator.locale(locale), local_time(instant, zone)))


@pytest.mark.parametrize(
    ("instant", "zone", "persian", "english"),
    [
        # The last day of 1404 (Friday 29 Esfand), then Nowruz: 1 Farvardin 1405.
        (
            datetime(2026, 3, 20, 12, 0),
            "Asia/Tehran",
            "جمعه ۲۹ اسفند، ساعت ۱۵:۳۰",
            "Friday 20 Mar, 15:30",
        ),
        (
            datetime(2026, 3, 20, 21, 0),
            "Asia/Tehran",
            "شنبه ۱ فروردین، ساعت ۰۰:۳۰",
            "Saturday 21 Mar, 00:30",
        ),
        # Berlin moves its clocks at 01:00 UTC on 29 March 2026 (9 Farvardin 1405).
        (
            datetime(2026, 3, 29, 0, 30),
            "Europe/Berlin",
            "یک‌شنبه ۹ فروردین، ساعت ۰۱:۳۰",
            "Sunday 29 Mar, 01:30",
        ),
        (
            datetime(2026, 3, 29, 1, 30),
            "Europe/Berlin",
            "یک‌شنبه ۹ فروردین، ساعت ۰۳:۳۰",
            "Sunday 29 Mar, 03:30",
        ),
        # The product's example: Saturday 14 Azar, 18:00.
        (
            datetime(2026, 12, 5, 14, 30),
            "Asia/Tehran",
            "شنبه ۱۴ آذر، ساعت ۱۸:۰۰",
            "Saturday 5 Dec, 18:00",
        ),
    ],
)
def test_dates_are_solar_hijri_in_persian_and_unchanged_in_english(
    translator: Translator, instant: datetime, zone: str, persian: str, english: str
) -> None:
    instant = instant.replace(tzinfo=UTC)
    assert _when(translator, "fa", instant, zone) == persian
    assert _when(translator, "en", instant, zone) == english


def test_the_calendar_agrees_with_persiantools_every_day_of_two_years() -> None:
    day = date(2025, 1, 1)
    while day < date(2027, 1, 1):
        solar = JalaliDate(day)
        got = calendar_date("fa", day)
        assert (got.year, got.month, got.day) == (solar.year, solar.month, solar.day)
        assert got.month_key == f"month-solar-{solar.month}"
        assert calendar_date("en", day).month_key == f"month-{day.month}"
        day += timedelta(days=1)
    nowruz = calendar_date("fa", date(2026, 3, 21))
    assert (nowruz.year, nowruz.month, nowruz.day) == (1405, 1, 1)


def _view(locale: str, zone: str = "Asia/Tehran") -> ReminderView:
    return ReminderView(locale, True, 3, 18, zone, datetime(2026, 3, 23, 14, 30, tzinfo=UTC))


def test_the_persian_week_starts_on_saturday_and_the_stored_numbers_do_not_change(
    translator: Translator,
) -> None:
    assert week("fa") == (5, 6, 0, 1, 2, 3, 4) and week("en") == (0, 1, 2, 3, 4, 5, 6)
    for locale, first in (("fa", "شنبه"), ("en", "Monday")):
        screen = day_menu(translator.locale(locale), _view(locale))
        assert screen.keyboard is not None
        days = [b for row in screen.keyboard.inline_keyboard[:-1] for b in row]
        args = [decode(b.callback_data).arg for b in days]  # type: ignore[arg-type]
        assert args == [f"d{d}" for d in week(locale)]
        assert "".join(ch for ch in days[0].text if ch not in CONTROLS) == first


def test_zone_buttons_name_cities_in_persian_and_carry_the_iana_name(
    translator: Translator,
) -> None:
    for locale in ("fa", "en"):
        screen = zone_menu(translator.locale(locale), _view(locale, "Europe/London"))
        assert screen.keyboard is not None
        zones = [
            (b.text, decode(b.callback_data).arg)  # type: ignore[arg-type]
            for row in screen.keyboard.inline_keyboard
            for b in row
            if decode(b.callback_data).arg.startswith("z")  # type: ignore[arg-type]
        ]
        assert [arg for _label, arg in zones] == [f"z{zone}" for zone in COMMON_ZONES]
        labels = ["".join(ch for ch in label if ch not in CONTROLS) for label, _arg in zones]
        if locale == "fa":
            assert labels[:4] == ["تهران", "برلین", "لندن ✓", "نیویورک"]
        else:  # English keeps showing the IANA names
            assert labels == [
                "Asia/Tehran",
                "Europe/Berlin",
                "Europe/London ✓",
                "America/New_York",
                "UTC",
            ]
