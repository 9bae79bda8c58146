"""/reminders as a learner uses it: the typed time zone, and settings that keep on/off."""

from __future__ import annotations

from fake_bot_api import FakeTelegram
from tests.e2e.harness import WAIT, RunningBot, press, say, settled

NOT_ASKED = "I work with commands and buttons"


async def test_a_command_ends_the_wait_for_a_typed_zone(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana")
    zones = await press(user, "🌍 Time zone", await say(user, "/reminders"))
    prompt = await press(user, "⌨️ Type another", zones)
    assert "Type your time zone" in prompt.text
    await say(user, "/next")
    thanks = await say(user, "thanks!")
    assert thanks.text.startswith(NOT_ASKED), thanks.text


async def test_back_ends_the_wait_for_a_typed_zone(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user(first_name="Ana")
    zones = await press(user, "🌍 Time zone", await say(user, "/reminders"))
    prompt = await press(user, "⌨️ Type another", zones)
    zones = await press(user, "⬅️ Back", prompt)  # the zone menu, which invites typing too
    settings = await press(user, "⬅️ Back", zones)  # the settings, which do not
    assert "Weekly reminder" in settings.text
    typed = await say(user, "Europe/Berlin")
    assert typed.text.startswith(NOT_ASKED), typed.text


async def test_the_zone_menu_takes_a_typed_zone(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user(first_name="Ana")
    zones = await press(user, "🌍 Time zone", await say(user, "/reminders"))
    assert "Pick yours, or type its name" in zones.text
    typed = await say(user, "europe/berlin")
    assert "Time zone set: Europe/Berlin" in typed.text
    assert "Every Monday at 18:00 (Europe/Berlin)" in typed.text


async def test_settings_leave_reminders_off_and_say_so(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user(first_name="Ana")
    screen = await say(user, "/reminders")
    screen = await press(user, "Wednesday", await press(user, "📅 Day", screen))
    assert "Saved. Reminders are still off" in screen.text and "It is off" in screen.text
    assert "🔔 Turn on" in user.buttons(screen)
    await press(user, "🌍 Time zone", screen)
    typed = await say(user, "asia/tehran")
    assert "Time zone set: Asia/Tehran. Reminders are still off" in typed.text
    assert "Every Wednesday at 18:00 (Asia/Tehran)" in typed.text and "It is off" in typed.text


async def test_a_second_snooze_says_it_changed_nothing(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user(first_name="Ana")
    screen = await press(user, "🔔 Turn on", await say(user, "/reminders"))
    first = await press(user, "😴 Snooze a week", screen)
    assert "Snoozed for a week. Next reminder:" in first.text
    answer = await user.wait_answer(
        await user.press("😴 Snooze a week", message=first), timeout=WAIT
    )
    assert answer.answer is not None and answer.answer["text"] == "😴 Already snoozed"
    await settled(fake)
    again = user.last
    assert again is not None and "Already snoozed. Next reminder:" in again.text
    assert first.text.split("Next reminder:")[1] == again.text.split("Next reminder:")[1]
