"""The clock that drives nudges: one periodic job; the database decides who is due."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ExtBot

from bot.context import BotContext
from bot.i18n import Translator
from bot.services.nudges import Nudge, NudgeService
from bot.views.reminders import nudge_screen

log = logging.getLogger(__name__)

JOB_NAME = "weekly-nudges"
#: How long to wait before retrying a nudge Telegram did not take (network, 5xx).
RETRY_DELAY = timedelta(minutes=1)


def smooth_limiter(per_second: float) -> AsyncLimiter:
    """A limiter that never bursts: one message every 1/rate seconds.

    ``AsyncLimiter(30, 1)`` would let 30 go at once and 30 more within the same second,
    which a sliding one-second window (as Telegram counts) sees as 60.
    """
    return AsyncLimiter(1, 1 / per_second)


class NudgeDispatcher:
    """Sends every due nudge in bounded batches, within its share of the rate limit."""

    def __init__(
        self,
        service: NudgeService,
        translator: Translator,
        *,
        rate_per_second: float,
        batch_size: int,
    ) -> None:
        self.service = service
        self.translator = translator
        self.batch_size = batch_size
        self.limiter = smooth_limiter(rate_per_second)
        self._running = asyncio.Lock()

    async def job(self, context: BotContext) -> None:
        """The JobQueue callback; a run still going makes the next tick a no-op."""
        if self._running.locked():
            return
        await self.run_once(context.bot)

    async def run_once(self, bot: ExtBot[Any]) -> Counter[str]:
        """Dispatch until nobody is due; return what happened, by outcome."""
        outcomes: Counter[str] = Counter()
        async with self._running:
            while ids := await self.service.claim(self.batch_size):
                results = await asyncio.gather(*(self._deliver(bot, i) for i in ids))
                outcomes.update(results)
        if outcomes:
            log.info("nudges: %s", dict(outcomes))
        return outcomes

    async def _deliver(self, bot: ExtBot[Any], learner_id: int) -> str:
        try:
            nudge = await self.service.prepare(learner_id)
        except Exception:
            log.exception("could not prepare the nudge for %s", learner_id)
            await self.service.retry_later(learner_id, RETRY_DELAY)
            return "error"
        if nudge is None:
            return "skipped"
        try:
            await self._send(bot, nudge)
        except Forbidden:
            await self.service.blocked(learner_id)
            return "blocked"
        except RetryAfter as exc:
            wait = exc.retry_after
            delay = wait if isinstance(wait, timedelta) else timedelta(seconds=wait)
            await self.service.retry_later(learner_id, delay)
            return "retry"
        except BadRequest as exc:
            log.warning("Telegram refused the nudge for %s: %s", learner_id, exc.message)
            await self.service.failed(learner_id)
            return "failed"
        except (NetworkError, TelegramError) as exc:
            log.warning("nudge for %s not delivered, will retry: %s", learner_id, exc)
            await self.service.retry_later(learner_id, RETRY_DELAY)
            return "retry"
        await self.service.sent(learner_id)
        return "sent"

    async def _send(self, bot: ExtBot[Any], nudge: Nudge) -> None:
        screen = nudge_screen(self.translator.locale(nudge.snapshot.ui_language), nudge.snapshot)
        async with self.limiter:
            await bot.send_message(
                nudge.chat_id,
                screen.text,
                parse_mode=ParseMode.HTML,
                reply_markup=screen.keyboard,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                rate_limit_args=1,
            )
