"""The baseline: a bare python-telegram-bot bot with the same API calls as ours, no work.

``/next`` (any text) is answered with a message and a "✅ Done" button; pressing it
answers the callback query and edits the message. Same concurrency as our bot.

    python -m benchmarks.echo_bot    # TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL from env
"""

from __future__ import annotations

import itertools
import os

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.app import MAX_CONCURRENT_UPDATES

BUTTONS = InlineKeyboardMarkup([[InlineKeyboardButton("✅ Done", callback_data="1:d:x")]])
_counter = itertools.count()


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with a button, as our /next does."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"echo {next(_counter)}", reply_markup=BUTTONS)


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the button and edit the message, as our Done does."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"done {next(_counter)}", reply_markup=BUTTONS)


def main() -> None:
    base = os.environ["TELEGRAM_API_BASE_URL"]
    app = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .concurrent_updates(MAX_CONCURRENT_UPDATES)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    app.run_polling(allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY])


if __name__ == "__main__":
    main()
