"""/reminders, its buttons' grammar, the typed time zone and the onboarding question."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app import register_handlers
from bot.callback_data import Action, encode
from bot.handlers import fallback, privacy, reminders
from bot.services.reminders import AWAITING_ZONE
from tests.unit.handlers.conftest import Chat, buttons

MONDAY_18 = datetime(2026, 3, 2, 18, tzinfo=UTC)


async def test_reminders_shows_the_settings_without_storing_them(chat: Chat) -> None:
    await chat.send(reminders.reminders_command, "/reminders")
    screen = chat.only("sendMessage")
    assert "It is <b>off</b>" in screen["text"] and "Every Monday at 18:00 (UTC)" in screen["text"]
    assert buttons(screen)[0] == encode(Action.REMINDER_SET, "on")
    assert chat.store.reminders == {}


STILL_OFF = "Saved. Reminders are still <b>off</b>"


@pytest.mark.parametrize(
    ("on", "arg", "stored", "notice", "toast"),
    [
        (
            False,
            "on",
            {"enabled": True, "next_at": MONDAY_18},
            "Next reminder: Monday 2 Mar",
            "Saved",
        ),
        (False, "d3", {"weekday": 3, "enabled": False, "next_at": None}, STILL_OFF, "Saved"),
        (False, "h7", {"hour": 7, "enabled": False, "next_at": None}, STILL_OFF, "Saved"),
        (
            False,
            "zEurope/Berlin",
            {"timezone": "Europe/Berlin", "enabled": False, "next_at": None},
            STILL_OFF,
            "Saved",
        ),
        (False, "snooze", None, "nothing was snoozed", "🔕 Reminders are off"),
        (
            True,
            "d3",
            {"weekday": 3, "next_at": datetime(2026, 3, 5, 18, tzinfo=UTC)},
            "Thursday 5",
            "Saved",
        ),
        (
            True,
            "h7",
            {"hour": 7, "next_at": datetime(2026, 3, 9, 7, tzinfo=UTC)},
            "Monday 9 Mar, 07:00",
            "Saved",
        ),
        (
            True,
            "zEurope/Berlin",
            {"timezone": "Europe/Berlin", "next_at": datetime(2026, 3, 2, 17, tzinfo=UTC)},
            "Monday 2 Mar, 18:00",  # local time
            "Saved",
        ),
        (
            True,
            "snooze",
            {"next_at": datetime(2026, 3, 9, 18, tzinfo=UTC)},
            "Snoozed for a week. Next reminder: Monday 9 Mar",
            "😴 Snoozed",
        ),
        (True, "off", {"enabled": False, "next_at": None}, "Reminders are off", "Saved"),
    ],
    ids=[
        *("while-off-on", "while-off-d3", "while-off-h7", "while-off-zone", "while-off-snooze"),
        *("while-on-d3", "while-on-h7", "while-on-zone", "while-on-snooze", "while-on-off"),
    ],
)
async def test_each_setting_button_reaches_the_service(
    chat: Chat, on: bool, arg: str, stored: dict[str, object] | None, notice: str, toast: str
) -> None:
    """A setting changes only itself: with reminders off, they stay off, and say so."""
    if on:
        await chat.press(reminders.reminders_button, encode(Action.REMINDER_SET, "on"))
        chat.clear()
    before = chat.store.committed
    await chat.press(reminders.reminders_button, encode(Action.REMINDER_SET, arg))
    assert chat.store.committed == before + 1
    assert chat.endpoints() == ["answerCallbackQuery", "editMessageText"]
    assert chat.only("answerCallbackQuery")["text"] == toast
    screen = chat.only("editMessageText")
    assert notice in screen["text"]
    record = chat.store.reminders.get(chat.user_id)
    if stored is None:
        assert record is None
    else:
        assert record is not None
        assert {name: getattr(record, name) for name in stored} == stored
    enabled = record is not None and record.enabled
    assert enabled is ((on and arg != "off") or arg == "on")
    assert buttons(screen)[0] == encode(Action.REMINDER_SET, "off" if enabled else "on")


async def test_a_second_snooze_says_it_was_snoozed_already(chat: Chat) -> None:
    await chat.press(reminders.reminders_button, encode(Action.REMINDER_SET, "on"))
    await chat.press(reminders.reminders_button, encode(Action.REMINDER_SET, "snooze"))
    chat.clear()
    await chat.press(reminders.reminders_button, encode(Action.REMINDER_SET, "snooze"))
    assert chat.only("answerCallbackQuery")["text"] == "😴 Already snoozed"
    assert (
        "Already snoozed. Next reminder: Monday 9 Mar, 18:00"
        in (chat.only("editMessageText")["text"])
    )


async def test_the_handler_table_routes_the_buttons_here(chat: Chat) -> None:
    register_handlers(chat.app)
    await chat.app.process_update(chat.button(encode(Action.REMINDER_SET, "zAsia/Tehran")))
    assert chat.store.reminders[chat.user_id].timezone == "Asia/Tehran"
    assert chat.only("answerCallbackQuery")["text"] == "Saved"


async def test_an_unknown_zone_button_is_stale(chat: Chat) -> None:
    await chat.press(reminders.reminders_button, encode(Action.REMINDER_SET, "zAtlantis/Deep"))
    assert chat.only("answerCallbackQuery")["text"].startswith("That item is no longer")
    assert chat.store.reminders == {}


async def test_an_hour_out_of_range_is_not_our_button(chat: Chat) -> None:
    await chat.press(reminders.reminders_button, "1:rx:h24")
    assert chat.only("answerCallbackQuery")["show_alert"] is True
    assert chat.store.reminders == {}


@pytest.mark.parametrize(
    ("arg", "first_button"),
    [("day", encode(Action.REMINDER_SET, "d0")), ("hour", encode(Action.REMINDER_SET, "h0"))],
)
async def test_the_menus_offer_the_settings(chat: Chat, arg: str, first_button: str) -> None:
    await chat.press(reminders.reminders_button, encode(Action.REMINDERS, arg))
    assert first_button in buttons(chat.only("editMessageText"))


async def test_a_typed_zone_is_taken_once_asked_for(chat: Chat) -> None:
    await chat.send(fallback.free_text, "Europe/Berlin")
    assert chat.requests("sendMessage")[0]["text"].startswith("I work with commands")
    await chat.press(reminders.reminders_button, encode(Action.REMINDERS, "type"))
    assert chat.store.settings[chat.user_id].awaiting == AWAITING_ZONE
    await chat.send(fallback.free_text, "atlantis")
    assert '"atlantis" is not a time zone' in chat.requests("sendMessage")[1]["text"]
    await chat.send(fallback.free_text, "europe/berlin")
    text = chat.requests("sendMessage")[2]["text"]
    assert "Time zone set: Europe/Berlin. Reminders are still <b>off</b>" in text
    record = chat.store.reminders[chat.user_id]
    assert (record.timezone, record.enabled, record.next_at) == ("Europe/Berlin", False, None)
    assert chat.store.settings[chat.user_id].awaiting is None


@pytest.mark.parametrize("answer", ["yes", "no", "custom"])
async def test_the_onboarding_answer_is_stored_in_one_commit(chat: Chat, answer: str) -> None:
    before = chat.store.committed
    await chat.press(reminders.onboarding_reminder, encode(Action.ONBOARD_REMIND, answer))
    assert chat.store.committed == before + 1
    record = chat.store.reminders[chat.user_id]
    assert record.enabled is (answer != "no")
    onboarded = chat.store.learners[chat.user_id].onboarded_at is not None
    assert onboarded is (answer != "custom")
    text = chat.only("editMessageText")["text"]
    expected = {
        "yes": "I'll remind you Monday 2 Mar, 18:00 (UTC)",
        "no": "All set! Here is your first resource",
        "custom": "Choose the day, hour and time zone",
    }
    assert expected[answer] in text
    if answer != "custom":
        assert "Grokking Algorithms" in text


@pytest.mark.parametrize(
    "instead",
    [
        "/next",
        "/progress",
        "/start",
        "/help",
        "/reminders",
        "/roadmap",
        "/language",
        "/reset",
        "/forget",
        "/frobnicate",  # no such command
        encode(Action.REMINDERS),  # Back to the settings
        encode(Action.REMINDERS, "day"),
        encode(Action.REMINDER_SET, "h7"),
        encode(Action.NEXT),
        encode(Action.ROADMAP),
        encode(Action.LANGUAGE_MENU),
    ],
)
async def test_any_command_or_other_button_ends_the_wait_for_a_zone(
    chat: Chat, instead: str
) -> None:
    register_handlers(chat.app)
    privacy.register(chat.app)
    await chat.press(reminders.reminders_button, encode(Action.REMINDERS, "type"))
    assert chat.store.settings[chat.user_id].awaiting == AWAITING_ZONE
    if instead.startswith("/"):
        await chat.app.process_update(chat.message(instead))
    else:
        await chat.app.process_update(chat.button(instead))
    assert chat.store.settings[chat.user_id].awaiting is None
    chat.clear()
    await chat.send(fallback.free_text, "thanks!")
    assert chat.only("sendMessage")["text"].startswith("I work with commands")


async def test_a_sticker_leaves_the_question_open(chat: Chat) -> None:
    await chat.press(reminders.reminders_button, encode(Action.REMINDERS, "type"))
    await chat.send(fallback.unsupported_message, "🐱")
    assert chat.store.settings[chat.user_id].awaiting == AWAITING_ZONE


@pytest.mark.parametrize(
    "path", [["zone"], ["zone", "type", "zone"]], ids=["zone menu", "back from the prompt"]
)
async def test_the_zone_menu_takes_a_typed_zone(chat: Chat, path: list[str]) -> None:
    for arg in path:
        await chat.press(reminders.reminders_button, encode(Action.REMINDERS, arg))
    menu = chat.requests("editMessageText")[-1]
    assert "Pick yours, or type its name" in menu["text"]
    await chat.send(fallback.free_text, "europe/berlin")
    assert "Time zone set: Europe/Berlin" in chat.only("sendMessage")["text"]
    assert chat.store.reminders[chat.user_id].timezone == "Europe/Berlin"
    assert chat.store.settings[chat.user_id].awaiting is None
