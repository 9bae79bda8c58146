"""/next and the study card's buttons, end to end inside the process."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest

from bot.callback_data import Action, encode
from bot.handlers import study
from tests.unit.handlers.conftest import CARD_ID, Chat, buttons

DONE_GROKKING = encode(Action.DONE, "grokking-algorithms")


async def test_next_shows_the_first_resource_card(chat: Chat) -> None:
    await chat.send(study.next_command, "/next")
    card = chat.only("sendMessage")
    assert chat.endpoints() == ["sendMessage"]
    assert card["chat_id"] == chat.user_id and card["parse_mode"] == "HTML"
    assert "Grokking Algorithms" in card["text"] and "Basics" in card["text"]
    assert buttons(card) == [
        DONE_GROKKING,
        encode(Action.STARTED, "grokking-algorithms"),
        encode(Action.SKIP, "grokking-algorithms"),
        encode(Action.KNOW_TOPIC, "algorithms"),
        encode(Action.TOPIC, "algorithms"),
        encode(Action.SKIP_TOPIC, "algorithms"),
        encode(Action.LANGUAGE_MENU, "next"),
        encode(Action.NOTE, "grokking-algorithms"),
        encode(Action.ROADMAP),
    ]
    assert card["link_preview_options"]["url"] == "https://example.com/grokking"
    assert chat.user_id in chat.store.learners  # registered on first contact


async def test_done_edits_the_card_to_the_next_resource(chat: Chat) -> None:
    await chat.press(study.mark_button, DONE_GROKKING)
    assert chat.endpoints() == ["answerCallbackQuery", "editMessageText"]
    assert chat.only("answerCallbackQuery")["text"] == "✅ Marked as done"
    card = chat.only("editMessageText")
    assert (card["chat_id"], card["message_id"]) == (chat.user_id, CARD_ID)
    assert "LeetCode" in card["text"]
    assert encode(Action.DONE, "leetcode") in buttons(card)
    assert chat.store.progress[chat.user_id, "grokking-algorithms"].status == "done"


async def test_done_twice_stores_it_once_and_leaves_the_card(chat: Chat) -> None:
    await chat.press(study.mark_button, DONE_GROKKING)
    card = chat.only("editMessageText")
    chat.clear()
    await chat.press(study.mark_button, DONE_GROKKING, under=card)  # a double press
    assert chat.endpoints() == ["answerCallbackQuery"]  # the card shows it already
    assert list(chat.store.progress) == [(chat.user_id, "grokking-algorithms")]


async def test_an_edit_telegram_finds_unchanged_is_no_error(chat: Chat) -> None:
    chat.api.errors["editMessageText"] = (400, "Bad Request: message is not modified")
    await chat.press(study.mark_button, DONE_GROKKING)
    assert chat.endpoints() == ["answerCallbackQuery", "editMessageText"]


async def test_a_card_that_cannot_be_edited_is_sent_again(chat: Chat) -> None:
    chat.api.errors["editMessageText"] = (400, "Bad Request: message to edit not found")
    await chat.press(study.mark_button, DONE_GROKKING)
    assert chat.endpoints() == ["answerCallbackQuery", "editMessageText", "sendMessage"]
    assert "LeetCode" in chat.only("sendMessage")["text"]


async def test_skip_topic_and_framework_buttons_reach_the_service(chat: Chat) -> None:
    for topic in ("algorithms", "python-beginner"):
        await chat.press(study.study_button, encode(Action.SKIP_TOPIC, topic))
    assert chat.requests("answerCallbackQuery")[0]["text"] == "⏩ Topic skipped"
    assert encode(Action.FRAMEWORK, "flask") in buttons(chat.requests("editMessageText")[1])
    await chat.press(study.study_button, encode(Action.FRAMEWORK, "flask"))
    assert chat.requests("answerCallbackQuery")[2]["text"] == "👍 Framework chosen"
    assert "Flask Tutorial" in chat.requests("editMessageText")[2]["text"]
    assert chat.store.settings[chat.user_id].framework == "flask"


async def test_a_forged_resource_answers_stale_and_shows_the_current_card(chat: Chat) -> None:
    await chat.press(study.mark_button, encode(Action.DONE, "no-such-book"))
    toast = chat.only("answerCallbackQuery")
    assert toast["text"] == "That item is no longer in the roadmap: here is where you are now."
    assert "Grokking Algorithms" in chat.only("editMessageText")["text"]
    assert chat.store.progress == {}


async def test_a_topic_that_left_the_roadmap_answers_stale_like_any_other_id(chat: Chat) -> None:
    await chat.press(study.topic_button, encode(Action.TOPIC, "retired-topic"))
    toast = chat.only("answerCallbackQuery")
    assert toast["text"] == "That item is no longer in the roadmap: here is where you are now."
    assert "Grokking Algorithms" in chat.only("editMessageText")["text"]


@pytest.mark.parametrize("data", ["0:d:leetcode", "2:d:leetcode", "1:zz:", "1:d:Bad_Id", ""])
async def test_button_data_from_another_version_is_refused_with_an_alert(
    chat: Chat, data: str
) -> None:
    await chat.press(study.study_button, data)
    alert = chat.only("answerCallbackQuery")
    assert alert["show_alert"] is True and alert["text"].startswith("This button is not valid")
    assert chat.endpoints() == ["answerCallbackQuery"]
    assert chat.store.learners == {}  # nobody registered by a refused button


async def test_a_button_in_a_group_is_refused_and_changes_nothing(chat: Chat) -> None:
    await chat.send(study.next_command, "/next")
    chat.clear()
    before = chat.store.dump()
    group = {"id": -100123, "type": "supergroup", "title": "Study group"}
    await chat.press(study.mark_button, DONE_GROKKING, chat=group)
    assert chat.endpoints() == ["answerCallbackQuery"]
    assert chat.only("answerCallbackQuery")["show_alert"] is True
    assert chat.store.dump() == before


async def test_a_failing_handler_still_answers_the_button(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object) -> None:
        raise ConnectionError("the database went away")

    monkeypatch.setattr(chat.services.learning, "mark", broken)
    with pytest.raises(ConnectionError):  # for the error handler
        await chat.press(study.mark_button, DONE_GROKKING)
    assert chat.endpoints() == ["answerCallbackQuery"]
    answer = chat.only("answerCallbackQuery")  # the spinner stops, with an apology
    assert answer["show_alert"] is True and answer["text"].startswith("Sorry")


async def test_an_unanswerable_query_does_not_hide_the_failure(
    chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object) -> None:
        raise ConnectionError("the database went away")

    monkeypatch.setattr(chat.services.learning, "mark", broken)
    chat.api.errors["answerCallbackQuery"] = (400, "Bad Request: query is too old")
    with pytest.raises(ConnectionError):
        await chat.press(study.mark_button, DONE_GROKKING)


async def test_a_lost_answer_leaves_the_card_but_keeps_the_press(chat: Chat) -> None:
    """A known limit (docs/reliability.md): the next press of the stale button catches up."""
    chat.api.errors["answerCallbackQuery"] = (400, "Bad Request: query is too old")
    with pytest.raises(BadRequest):
        await chat.press(study.mark_button, DONE_GROKKING)
    assert chat.endpoints() == ["answerCallbackQuery"]
    assert chat.store.progress[chat.user_id, "grokking-algorithms"].status == "done"


async def test_a_learner_who_blocked_the_bot_is_marked(chat: Chat) -> None:
    chat.api.errors["sendMessage"] = (403, "Forbidden: bot was blocked by the user")
    await chat.send(study.next_command, "/next")
    assert chat.store.learners[chat.user_id].blocked_at == chat.clock.now


async def test_done_on_a_resource_not_needed_offers_to_undo_it_back(chat: Chat) -> None:
    await chat.press(study.know_topic_button, encode(Action.KNOW_TOPIC, "algorithms"))
    chat.store.settings[chat.user_id].material_language = "both"  # the next is a card
    chat.clear()
    await chat.press(study.mark_button, encode(Action.DONE, "leetcode"))  # an older card
    card = chat.only("editMessageText")
    assert encode(Action.UNDO, "leetcode~u") in buttons(card)
    await chat.press(study.undo_button, encode(Action.UNDO, "leetcode~u"))
    assert chat.store.progress[chat.user_id, "leetcode"].status == "unneeded"


async def test_the_progress_line_counts_resources_not_needed_alone(chat: Chat) -> None:
    await chat.press(study.know_topic_button, encode(Action.KNOW_TOPIC, "algorithms"))
    line = next(
        line
        for line in chat.only("editMessageText")["text"].splitlines()
        if line.startswith("Progress:")
    )
    assert "not needed" in line, line
