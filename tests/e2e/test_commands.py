"""Every command and its buttons, as a learner uses them."""

from __future__ import annotations

from fake_bot_api import FakeTelegram
from tests.e2e.harness import RunningBot, press, say
from tests.e2e.test_journeys import onboard, resource_url


async def test_roadmap_opens_steps_changes_framework_and_picks_electives(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user()
    await onboard(user, "English", "From the beginning")
    roadmap = await say(user, "/roadmap")
    assert "Step 0: Prerequisites" in roadmap.text and "You are at" in roadmap.text
    step = await press(user, "Step 1: Python", roadmap)
    assert "Python Crash Course" in step.text
    card = await press(user, "Study from here", step)
    assert "Step 1: Python" in card.text and resource_url(card)

    menu = await press(user, "🗺 Roadmap", card)
    frameworks = await press(user, "Change framework", menu)
    card = await press(user, "Flask", frameworks)
    assert "Flask" in (await say(user, "/roadmap")).text

    electives = await press(user, "Hands-on electives", await say(user, "/roadmap"))
    card = await press(user, "Container Platforms — Docker", electives)
    assert "Docker in Action" in card.text


async def test_progress_language_and_help(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user()
    card = await onboard(user, "English", "From the beginning")
    await press(user, "⏭ Skip", card)
    report = await say(user, "/progress")
    assert "0 done, 1 skipped" in report.text
    assert "Streak: 1 active week" in report.text

    language = await say(user, "/language")
    assert "English" in language.text
    saved = await press(user, "Persian", language)
    assert "Persian" in saved.text and "✓" in " ".join(saved.button_texts())
    card = await say(user, "/next")
    # Algorithms' Persian platform, under its Persian title
    assert "کوئرا" in card.text and "Persian" in card.text

    # Switching from the study card edits the card in place.
    picker = await press(user, "🌐", card)
    card = await press(user, "English", picker)
    assert resource_url(card) is not None
    assert card.message_id == picker.message_id

    ui = await press(user, "UI: FA", await say(user, "/language"))
    assert "زبان" in ui.text
    help_text = await say(user, "/help")
    assert "/next" in help_text.text and "نقشه راه" in help_text.text


async def test_reset_needs_confirmation(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user()
    card = await onboard(user, "English", "From the beginning")
    await press(user, "✅", card)
    confirm = await say(user, "/reset")
    assert "Start over?" in confirm.text
    kept = await press(user, "Cancel", confirm)
    assert "Nothing changed" in kept.text and "Progress: 1 of" in kept.text

    confirm = await say(user, "/reset")
    asked = await press(user, "Yes, start over", confirm)
    assert "Deleted: 1 done, 0 skipped, 0 in progress." in asked.text  # what it deleted
    assert "Where do you want to start" in asked.text
    card = await press(user, "From the beginning", asked)
    assert "Progress: 0 of" in card.text


async def test_command_menus_are_registered_in_both_languages(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    english = fake.commands[("default", "")]
    persian = fake.commands[("default", "fa")]
    assert [c["command"] for c in english] == [c["command"] for c in persian]
    assert {"next", "roadmap", "progress", "notes", "language", "reset", "help"} <= {
        c["command"] for c in english
    }
