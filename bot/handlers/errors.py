"""The last resort: log the failure and tell the learner something went wrong."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TimedOut

from bot.context import BotContext

log = logging.getLogger(__name__)


async def error_handler(update: object, context: BotContext) -> None:
    """Log errors from handlers; apologise to the learner when there is one."""
    error = context.error
    context.services.metrics.update_failed(error)
    if isinstance(error, Forbidden):
        log.info("a learner blocked the bot: %s", error)
        return
    if isinstance(error, RetryAfter | TimedOut | NetworkError):
        log.warning("Telegram did not take a request: %s", error)
        return
    log.error("unhandled error while handling an update", exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query is not None:
        return  # a button press: its handler answered it, and apologised (handlers.common)
    if update.effective_chat.type != "private":
        return
    t = context.text(context.telegram_locale())
    try:
        await context.bot.send_message(update.effective_chat.id, t.plain("error-generic"))
    except Exception:
        log.debug("could not apologise", exc_info=True)
