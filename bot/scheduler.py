"""The clock that drives nudges: one periodic job; the database decides who is due."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from datetime import timedelta
from typing import Any

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ExtBot

from bot.context import BotContext
from bot.i18n import Translator
from bot.ratelimit import Pacer, seconds
from bot.services.nudges import Nudge, NudgeService
from bot.views.reminders import nudge_screen

log = logging.getLogger(__name__)

JOB_NAME = "weekly-nudges"
#: How long to wait before retrying a nudge Telegram did not take (network, 5xx).
RETRY_DELAY = timedelta(minutes=1)
#: How long a nudge's request may wait for Telegram's answer. Longer than PTB's 5 s:
#: a request that times out may still have been delivered (see docs/nudges.md).
READ_TIMEOUT = 30.0
#: Nudges being prepared, sent or recorded at once: an interactive reply queues behind
#: at most this many nudges at the shared rate limiter, however large the fan-out.
MAX_IN_FLIGHT = 8


class NudgeDispatcher:
    """Sends every due nudge in bounded batches, within its share of the rate limit."""

    def __init__(
        self,
        service: NudgeService,
        translator: Translator,
        *,
        rate_per_second: float | None,
        batch_size: int,
    ) -> None:
        """``rate_per_second`` caps the nudges' share; ``None``: the bot's limiter paces."""
        self.service = service
        self.translator = translator
        self.batch_size = batch_size
        self.limiter = Pacer(rate_per_second) if rate_per_second else None
        self.in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)
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
        """Prepare, send and record one nudge, holding one of the in-flight places."""
        async with self.in_flight:
            return await self._deliver_one(bot, learner_id)

    async def _deliver_one(self, bot: ExtBot[Any], learner_id: int) -> str:
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
            await self.service.retry_later(learner_id, timedelta(seconds=seconds(exc.retry_after)))
            return "retry"
        except TimedOut as exc:
            # PTB words a request that never left the connection pool "Pool timeout";
            # any other timeout may have reached Telegram: delivery is uncertain.
            sent_maybe = not str(exc).startswith("Pool timeout")
            log.warning("nudge for %s timed out, will retry: %s", learner_id, exc)
            await self.service.retry_later(learner_id, RETRY_DELAY, uncertain=sent_maybe)
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
        async with self.limiter or contextlib.nullcontext():
            await self.service.sending(nudge.learner_id)
            await bot.send_message(
                nudge.chat_id,
                screen.text,
                parse_mode=ParseMode.HTML,
                reply_markup=screen.keyboard,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                rate_limit_args=1,
                read_timeout=READ_TIMEOUT,
            )
