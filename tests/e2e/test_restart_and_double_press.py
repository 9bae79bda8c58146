"""A learner's position survives a restart; old buttons work; a double press advances once."""

from __future__ import annotations

import asyncio

from fake_bot_api import FakeTelegram
from tests.e2e.harness import WAIT, RunningBot, press, say, settled
from tests.e2e.test_journeys import onboard, resource_url


async def test_position_and_old_buttons_survive_a_restart(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana")
    card = await onboard(user, "English", "From the beginning")
    for _ in range(3):
        card = await press(user, "✅", card)
    before = resource_url(card)
    old_message = card

    await settled(fake)
    await bot.restart()

    card = await say(user, "/next")
    assert resource_url(card) == before  # the same place after the restart
    assert "Progress: 3 of" in card.text
    # The card sent before the restart still works.
    after_old_press = await press(user, "✅ Done", old_message)
    assert resource_url(after_old_press) not in (None, before)
    assert "Progress: 4 of" in after_old_press.text


async def test_pressing_done_twice_quickly_advances_once(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Quick")
    card = await onboard(user, "English", "From the beginning")
    done = card.find_button("✅ Done").callback_data
    assert done is not None
    # Both presses carry the old card: the second must not repeat the first's edit, which
    # Telegram would refuse ("message is not modified"); both get their toast.
    edits = len(fake.calls_to("editMessageText"))
    first, second = await asyncio.gather(
        user.press_data(done, message=card), user.press_data(done, message=card)
    )
    answers = [await user.wait_answer(query, timeout=WAIT) for query in (first, second)]
    assert [a.answer and a.answer["text"] for a in answers] == ["✅ Marked as done"] * 2
    await settled(fake)
    assert len(fake.calls_to("editMessageText")) == edits + 1
    card = await say(user, "/next")
    assert "Progress: 1 of" in card.text


async def test_start_again_resumes_and_never_wipes(bot: RunningBot, fake: FakeTelegram) -> None:
    user = fake.user(first_name="Ana")
    card = await onboard(user, "English", "From the beginning")
    card = await press(user, "✅", card)
    again = await say(user, "/start")
    assert "Welcome back" in again.text
    assert "Progress: 1 of" in again.text
