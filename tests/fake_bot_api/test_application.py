"""A real python-telegram-bot Application polling the fake, driven by simulated users."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from fake_bot_api import FakeTelegram
from tests.fake_bot_api.conftest import TOKEN

NEXT = InlineKeyboardMarkup([[InlineKeyboardButton("Next step ▶", callback_data="next")]])


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the learner with a button."""
    assert update.message is not None and update.effective_user is not None
    name = update.effective_user.first_name
    await update.message.reply_text(
        f"<b>Welcome</b>, {name}!", parse_mode=ParseMode.HTML, reply_markup=NEXT
    )


async def next_step(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the query, then replace the message."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text("Step 1: <i>Algorithms</i>", parse_mode=ParseMode.HTML)


async def next_step_forgetting_to_answer(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> None:
    """Edit without answering the callback query (a bug)."""
    query = update.callback_query
    assert query is not None
    await query.edit_message_text("Step 1")


@asynccontextmanager
async def running(
    fake: FakeTelegram, handlers: list[BaseHandler[Any, Any, Any]]
) -> AsyncIterator[None]:
    """Run a polling Application against the fake for the duration of the block."""
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{fake.base_url}/bot")
        .base_file_url(f"{fake.base_url}/file/bot")
        .build()
    )
    app.add_handlers(handlers)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        yield
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def test_command_and_button_round_trip(fake: FakeTelegram) -> None:
    learner = fake.user(first_name="Reza", language_code="fa")
    async with running(fake, [CommandHandler("start", start), CallbackQueryHandler(next_step)]):
        await learner.send("/start")
        welcome = await learner.wait_message()
        assert welcome.text == "Welcome, Reza!"
        assert welcome.entities == [{"type": "bold", "offset": 0, "length": 7}]
        assert learner.buttons() == ["Next step ▶"]
        query_id = await learner.press("Next step")
        edited = await learner.wait_message()
        assert (edited.message_id, edited.text, edited.edits) == (
            welcome.message_id,
            "Step 1: Algorithms",
            1,
        )
        assert edited.buttons == []  # edit_message_text without a keyboard removes it
        assert (await learner.wait_answer(query_id)).answered
        await fake.settle()
    assert [m.text for m in learner.messages] == ["Step 1: Algorithms"]
    assert fake.check_problems() == []


async def test_unanswered_callback_query_is_a_problem(fake: FakeTelegram) -> None:
    learner = fake.user()
    async with running(
        fake, [CommandHandler("start", start), CallbackQueryHandler(next_step_forgetting_to_answer)]
    ):
        await learner.send("/start")
        await learner.wait_message()
        query_id = await learner.press("Next")
        await learner.wait_message()
        await fake.settle()
    [problem] = fake.check_problems()
    assert f"callback query {query_id}" in problem and "was never answered" in problem


async def test_shutdown_is_quick(fake: FakeTelegram) -> None:
    started = time.monotonic()
    async with running(fake, []):
        pass
    assert time.monotonic() - started < 2.0
    polls = fake.calls_to("getUpdates")
    assert polls[-1].ok and polls[-1].params.get("timeout") == 0  # PTB's final confirming call
    assert fake.check_problems() == []
