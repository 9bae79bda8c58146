"""What every button press shares (``on_button``): answering, editing in place, refusing."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError
from telegram import Update
from telegram.ext import Job

from bot.app import register_handlers
from bot.callback_data import Action, encode
from bot.handlers import study
from bot.handlers.common import ShownScreens
from bot.runtime.dispatcher import JOB_NAME
from bot.services.learning import LearningService
from tests.fakes.uow import InMemoryStore
from tests.unit.handlers.conftest import Chat

DONE_GROKKING = encode(Action.DONE, "grokking-algorithms")


async def test_a_double_press_on_a_stale_card_edits_once(chat: Chat) -> None:
    """Both presses carry the card as it was before either: the second would repeat the
    first's edit, which Telegram refuses ("message is not modified")."""
    await chat.press(study.mark_button, DONE_GROKKING)
    await chat.press(study.mark_button, DONE_GROKKING)
    assert chat.endpoints() == ["answerCallbackQuery", "editMessageText", "answerCallbackQuery"]
    assert [a["text"] for a in chat.requests("answerCallbackQuery")] == ["✅ Marked as done"] * 2


async def test_a_card_changed_since_is_edited_even_to_what_it_showed_before(chat: Chat) -> None:
    """Another instance may have edited the message since: what it shows now (the query's
    message) differs from what this process replaced, so the edit is made."""
    await chat.press(study.mark_button, DONE_GROKKING)
    card = chat.only("editMessageText")
    menu = {"text": "<b>Languages</b>", "reply_markup": {"inline_keyboard": []}}
    await chat.press(study.study_button, encode(Action.NEXT), under=menu)
    assert [c["text"] for c in chat.requests("editMessageText")] == [card["text"]] * 2


def test_the_remembered_edits_are_bounded_oldest_first() -> None:
    shown = ShownScreens(capacity=2)
    for message_id in (1, 2, 1, 3):  # 1 is used again, so 2 is the oldest
        shown.remember((7, message_id), b"before", b"after")
    assert [shown.repeats((7, m), b"before", b"after") for m in (1, 2, 3)] == [True, False, True]


async def test_a_button_forged_onto_another_learners_chat_is_refused(chat: Chat) -> None:
    """Ana's press on a message in Bob's private chat: nothing is edited, nothing stored
    (Ana is not registered with Bob's chat as hers)."""
    bob = {"id": 2002, "type": "private", "first_name": "Bob"}
    await chat.press(study.mark_button, DONE_GROKKING, chat=bob)
    assert chat.endpoints() == ["answerCallbackQuery"]
    answer = chat.only("answerCallbackQuery")
    assert answer["show_alert"] is True and answer["text"].startswith("This button is not valid")
    assert chat.store.dump() == InMemoryStore().dump()


async def test_a_message_forged_into_another_learners_chat_is_answered_in_the_senders(
    chat: Chat,
) -> None:
    """A private chat's id is its user's: the learner's chat is never someone else's."""
    update = chat.message("/next")
    raw = update.to_dict()
    raw["message"]["chat"] = {"id": 2002, "type": "private", "first_name": "Bob"}
    await study.next_command(forged := Update.de_json(raw, chat.app.bot), chat.context(forged))
    assert chat.only("sendMessage")["chat_id"] == chat.user_id
    assert chat.store.learners[chat.user_id].chat_id == chat.user_id


async def refused(*args: object) -> None:
    raise OperationalError("UPDATE progress", {}, Exception("the database is unavailable"))


@pytest.mark.parametrize(
    ("language", "apology"),
    [("en", "Sorry, something went wrong"), ("fa", "متأسفم، مشکلی پیش آمد")],
)
async def test_a_press_the_database_refuses_gets_one_alert_saying_so(
    chat: Chat,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    language: str,
    apology: str,
) -> None:
    """Answered once, with an alert in Telegram's language (the database is down); the
    error handler logs the failure and leaves the answered query alone."""
    chat.user["language_code"] = language
    register_handlers(chat.app)
    monkeypatch.setattr(LearningService, "mark", refused)
    await chat.app.process_update(chat.button(DONE_GROKKING))
    assert chat.endpoints() == ["answerCallbackQuery"]
    answer = chat.only("answerCallbackQuery")
    assert answer["show_alert"] is True and answer["text"].startswith(apology)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage().split(": ", 1)[0] for r in errors] == [
        "the database failed while handling an update"
    ]
    assert errors[0].exc_info is None  # one line; the traceback is at DEBUG


async def test_a_database_failure_in_the_nudge_job_is_one_line_naming_the_job(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    register_handlers(chat.app)
    error = OperationalError("SELECT", {}, Exception("the database is unavailable"))
    await chat.app.process_error(None, error, job=Job(refused, name=JOB_NAME))
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [
        f"the database failed in job {JOB_NAME}: OperationalError: "
        "(builtins.Exception) the database is unavailable"
    ]
    assert chat.endpoints() == []  # nobody to apologise to


async def test_a_press_whose_edit_fails_after_the_answer_apologises_in_a_message(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    register_handlers(chat.app)
    chat.api.errors["editMessageText"] = (400, "Bad Request: can't parse entities")
    await chat.app.process_update(chat.button(DONE_GROKKING))
    assert chat.endpoints() == ["answerCallbackQuery", "editMessageText", "sendMessage"]
    assert chat.only("answerCallbackQuery")["text"] == "✅ Marked as done"
    assert chat.only("sendMessage")["text"].startswith("Sorry, something went wrong")
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(logged) == 1 and "can't parse entities" in logged[0].getMessage().lower()
