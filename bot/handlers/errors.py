"""The last resort: log the failure and tell the learner something went wrong."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TimedOut

from bot.context import BotContext, Services
from bot.services.errors import database_failure

log = logging.getLogger(__name__)


async def error_handler(update: object, context: BotContext) -> None:
    """Log errors from handlers; apologise to the learner when there is one."""
    error = context.error
    services: Services | None = context.bot_data.get("services")
    if services is not None:  # None only before the bot has started
        services.metrics.update_failed(error)
    if isinstance(error, Forbidden):
        log.info("a learner blocked the bot: %s", error)
        return
    if isinstance(error, RetryAfter | TimedOut | NetworkError):
        log.warning("Telegram did not take a request: %s", error)
        return
    doing = "while handling an update" if context.job is None else f"in job {context.job.name}"
    database = database_failure(error)
    if database is not None:  # one line: the statement and its values hold learners' words
        log.error("the database failed %s: %s", doing, database)
        log.debug("the database failure", exc_info=error)
    else:
        log.error("unhandled error %s", doing, exc_info=error)
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
