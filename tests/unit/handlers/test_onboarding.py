"""/start and the onboarding questions: one commit per answer."""

from __future__ import annotations

from bot.callback_data import Action, encode
from bot.handlers import onboarding
from tests.unit.handlers.conftest import Chat, buttons


async def test_start_greets_a_new_learner_with_the_first_question(chat: Chat) -> None:
    await chat.send(onboarding.start_command, "/start")
    screen = chat.only("sendMessage")
    assert "Ana" in screen["text"] and "Which material do you want?" in screen["text"]
    assert buttons(screen)[:3] == [encode(Action.ONBOARD_MATERIAL, m) for m in ("en", "fa", "both")]
    assert chat.store.learners[chat.user_id].onboarded_at is None


async def test_the_material_answer_asks_where_to_start(chat: Chat) -> None:
    before = chat.store.committed
    await chat.press(onboarding.onboarding_button, encode(Action.ONBOARD_MATERIAL, "both"))
    assert chat.store.committed == before + 1
    assert chat.store.settings[chat.user_id].material_language == "both"
    assert buttons(chat.only("editMessageText")) == [
        encode(Action.ONBOARD_START, "begin"),
        encode(Action.ONBOARD_START, "python-beginner"),
        encode(Action.ONBOARD_START, "frameworks"),
    ]


async def test_the_start_answer_is_one_commit_then_the_reminder_question(chat: Chat) -> None:
    before = chat.store.committed
    await chat.press(onboarding.onboarding_button, encode(Action.ONBOARD_START, "frameworks"))
    assert chat.store.committed == before + 1
    assert chat.store.settings[chat.user_id].start_at == "frameworks"
    assert chat.store.learners[chat.user_id].onboarded_at == chat.clock.now
    question = chat.only("editMessageText")
    assert "Shall I remind you every week?" in question["text"]
    assert encode(Action.ONBOARD_REMIND, "yes") in buttons(question)


async def test_begin_means_no_start_point(chat: Chat) -> None:
    await chat.press(onboarding.onboarding_button, encode(Action.ONBOARD_START, "begin"))
    assert chat.store.settings[chat.user_id].start_at is None


async def test_a_forged_start_point_is_stale_and_stores_nothing_of_it(chat: Chat) -> None:
    await chat.press(onboarding.onboarding_button, encode(Action.ONBOARD_START, "pro-git"))
    assert chat.only("answerCallbackQuery")["text"].startswith("That item is no longer")
    assert chat.store.settings[chat.user_id].start_at is None
    assert chat.store.learners[chat.user_id].onboarded_at is None


async def test_start_welcomes_back_a_known_learner_at_their_card(chat: Chat) -> None:
    await chat.press(onboarding.onboarding_button, encode(Action.ONBOARD_START, "begin"))
    chat.clear()
    await chat.send(onboarding.start_command, "/start")
    text = chat.only("sendMessage")["text"]
    assert "Welcome back, Ana!" in text and "Grokking Algorithms" in text
