"""The clock that drives nudges: one periodic job; the database decides who is due."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
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
from telegram.ext import CallbackContext, ExtBot

from bot.i18n import Translator
from bot.runtime.inflight import Window, WireLimit
from bot.runtime.metrics import Metrics
from bot.runtime.ratelimit import PAID_BROADCAST_PER_SECOND, Pacer, seconds
from bot.runtime.telegram_bot import never_sent
from bot.services.lease import Lease
from bot.services.nudges import Bookkeeper, Nudge, NudgeService, Outcome
from bot.views.reminders import nudge_screen
from bot.views.screen import Screen

log = logging.getLogger(__name__)

JOB_NAME = "weekly-nudges"
#: How long to wait before retrying a nudge Telegram did not take (network, 5xx).
RETRY_DELAY = timedelta(minutes=1)
#: How long a nudge's request may wait for Telegram's answer. Longer than PTB's 5 s:
#: a request that times out may still have been delivered (see docs/nudges.md).
READ_TIMEOUT = 30.0
#: Nudges in flight at once (marked as sending, not yet recorded) on the shared 30/s
#: budget: an interactive reply queues behind at most this many nudges at the rate
#: limiter, however large the fan-out.
MAX_IN_FLIGHT = 8
#: With the paid allowance nudges have a 1,000/s budget of their own: enough in flight
#: to keep it busy when each nudge takes this long from its mark to its record (the
#: wait for a slot, Telegram's round trip, the group commit of its outcome).
PAID_IN_FLIGHT_SECONDS = 0.25
#: How often, as a share of the lease, a run looks whether its lease needs renewing (it
#: is renewed once a third of it has passed): at most half of it has passed by then.
RENEW_CHECKS_PER_LEASE = 6


class NudgeDispatcher:
    """Sends every due nudge in bounded batches, within its share of the rate limit.

    One run is a pipeline. The producer claims a batch and prepares it in parts, one
    transaction each, as places in the window free up: that transaction also marks
    the nudges as sending. Workers send them (at most ``WireLimit`` on the wire) and
    hand each outcome to a ``Bookkeeper``, which writes outcomes in groups and frees
    their places. So at most ``in_flight`` learners are marked and unrecorded at once.

    Everything a run claimed and has not finished with is under one ``Lease``, renewed
    while the run lives: before each claim and prepare, and every ``renew_seconds`` by a
    task of its own (the producer may wait long for places in the window).
    """

    def __init__(
        self,
        service: NudgeService,
        translator: Translator,
        *,
        rate_per_second: float | None,
        batch_size: int,
        paid_broadcast: bool = False,
        renew_seconds: float | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        """``rate_per_second`` caps the nudges' share; ``None``: the bot's limiter paces.

        ``paid_broadcast``: nudges are sent with ``allow_paid_broadcast`` (Telegram's
        1,000 a second, for a fee); the bot's limiter paces them on that budget of
        their own, so ``rate_per_second`` (a share of the 30 a second) does not apply.

        ``renew_seconds``: how often the run looks whether its lease needs renewing
        (default: a sixth of the service's lease; whether it does goes by the service's
        clock).

        ``metrics``: where nudges, the due backlog and database errors are counted.
        """
        self.service = service
        self.metrics = metrics or Metrics()
        self.translator = translator
        self.batch_size = batch_size
        self.renew_seconds = (
            renew_seconds
            if renew_seconds is not None
            else service.lease.total_seconds() / RENEW_CHECKS_PER_LEASE
        )
        self.paid_broadcast = paid_broadcast
        self.limiter: Pacer | None
        self.wire: WireLimit | None
        if paid_broadcast:
            self.limiter = None
            self.in_flight = math.ceil(PAID_BROADCAST_PER_SECOND * PAID_IN_FLIGHT_SECONDS)
            self.wire = WireLimit(PAID_BROADCAST_PER_SECOND, self.in_flight)
        else:
            self.limiter = Pacer(rate_per_second) if rate_per_second else None
            self.in_flight = MAX_IN_FLIGHT
            self.wire = None
        self._running = asyncio.Lock()

    async def job(self, context: CallbackContext[ExtBot[Any], Any, Any, Any]) -> None:
        """The JobQueue callback; a run still going makes the next tick a no-op (but for
        the backlog, measured once each tick)."""
        if self._running.locked():
            await self._measure_backlog()
            return
        await self.run_once(context.bot)

    async def run_once(self, bot: ExtBot[Any]) -> Counter[str]:
        """Dispatch until nobody is due; return what happened, by outcome."""
        outcomes: Counter[str] = Counter()
        async with self._running:
            await self._measure_backlog()
            try:
                await self._run(bot, outcomes)
            except Exception as exc:
                self.metrics.database_error(exc, "dispatcher")
                raise
        if outcomes:
            log.info("nudges: %s", dict(outcomes))
        return outcomes

    async def _run(self, bot: ExtBot[Any], outcomes: Counter[str]) -> None:
        if self.wire is not None:
            self.wire.restart()
        window = Window(self.in_flight)
        lease = Lease()
        book = Bookkeeper(self.service, window.give, lease)
        queue: asyncio.Queue[Nudge | None] = asyncio.Queue()  # the window bounds it
        keeper = asyncio.create_task(self._keep(lease))
        writer = asyncio.create_task(book.run())
        workers = [
            asyncio.create_task(self._work(bot, queue, book, outcomes))
            for _ in range(self.in_flight)
        ]
        failure: Exception | None = None
        try:
            try:
                await self._produce(lease, window, queue, outcomes)
            except Exception as exc:  # e.g. the database is down: finish what is in hand
                failure = exc
            for _ in workers:
                queue.put_nowait(None)
            await asyncio.gather(*workers)
            book.close()
            await writer
        except BaseException:  # cancelled (shutdown) or a bug: stop at once, as a crash would
            for task in (writer, *workers):
                task.cancel()
            await asyncio.gather(writer, *workers, return_exceptions=True)
            raise
        finally:  # whatever is still held (unrecorded) comes back when the lease runs out
            keeper.cancel()
            await asyncio.gather(keeper, return_exceptions=True)
        if failure is not None:
            raise failure

    async def _measure_backlog(self) -> None:
        """Set the backlog gauge: how many learners are due (one count query)."""
        try:
            self.metrics.nudge_backlog.set(await self.service.backlog())
        except Exception as exc:  # only a gauge: the dispatch goes on (and fails if it must)
            log.warning("could not count the due nudges: %s: %s", type(exc).__name__, exc)
            self.metrics.database_error(exc, "dispatcher")

    async def _keep(self, lease: Lease) -> None:
        """Renew the run's lease for as long as the run lasts."""
        while True:
            await asyncio.sleep(self.renew_seconds)
            try:
                await self.service.renew(lease)
            except Exception as exc:  # the database is away: there is time left to try again
                self.metrics.database_error(exc, "dispatcher")
                log.warning("could not renew the nudge lease, will try again", exc_info=True)

    async def _produce(
        self,
        lease: Lease,
        window: Window,
        queue: asyncio.Queue[Nudge | None],
        outcomes: Counter[str],
    ) -> None:
        """Claim batches; prepare (and mark) as many nudges as there are free places."""
        while claim := await self.service.claim(self.batch_size, lease):
            while claim:
                count = await window.take(len(claim))
                part, claim = claim.split(count)
                try:
                    await self.service.renew(lease)  # the wait for places may have been long
                    prepared = await self.service.prepare(part)
                except Exception as exc:
                    self.metrics.database_error(exc, "dispatcher")
                    window.give(count)
                    log.exception("could not prepare the nudges for %s", part.learner_ids)
                    await self.service.retry_later(part.learner_ids, RETRY_DELAY)
                    outcomes["error"] += len(part)
                    continue
                window.give(count - len(prepared.nudges))
                if prepared.skipped:
                    outcomes["skipped"] += prepared.skipped
                for nudge in prepared.nudges:
                    queue.put_nowait(nudge)

    async def _work(
        self,
        bot: ExtBot[Any],
        queue: asyncio.Queue[Nudge | None],
        book: Bookkeeper,
        outcomes: Counter[str],
    ) -> None:
        """Send marked nudges one after another until told to stop."""
        while (nudge := await queue.get()) is not None:
            try:
                outcome = await self._deliver(bot, nudge)
            except Exception:
                # A bug between the mark and the answer: the request may have left.
                log.exception("could not send the nudge to %s", nudge.learner_id)
                outcome = Outcome(nudge.learner_id, "retry", RETRY_DELAY, uncertain=True)
                outcomes["error"] += 1
            else:
                outcomes[outcome.kind] += 1
            self.metrics.nudge(outcome.kind)
            book.record(outcome)

    async def _deliver(self, bot: ExtBot[Any], nudge: Nudge) -> Outcome:
        """Send one nudge (marked as sending already); what Telegram answered."""
        t = self.translator.locale(nudge.snapshot.ui_language)
        screen = nudge_screen(t, nudge.snapshot, nudge.review)
        async with self.limiter or contextlib.nullcontext():
            if self.wire is None:
                return await self._send(bot, nudge, screen)
            await self.wire.acquire()
            started = time.monotonic()
            try:
                return await self._send(bot, nudge, screen)
            finally:
                self.wire.observe(time.monotonic() - started)
                self.wire.release()

    async def _send(self, bot: ExtBot[Any], nudge: Nudge, screen: Screen) -> Outcome:
        """Send the nudge; what Telegram answered, as the outcome to record."""
        learner_id = nudge.learner_id
        try:
            await bot.send_message(
                nudge.chat_id,
                screen.text,
                parse_mode=ParseMode.HTML,
                reply_markup=screen.keyboard,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                allow_paid_broadcast=True if self.paid_broadcast else None,
                rate_limit_args=1,
                read_timeout=READ_TIMEOUT,
            )
        except Forbidden:
            return Outcome(learner_id, "blocked")
        except RetryAfter as exc:
            return Outcome(learner_id, "retry", timedelta(seconds=seconds(exc.retry_after)))
        except TimedOut as exc:
            # A request that never left the connection pool was not delivered; any
            # other timeout may have reached Telegram: delivery is uncertain.
            sent_maybe = not never_sent(exc)
            log.warning("nudge for %s timed out, will retry: %s", learner_id, exc)
            return Outcome(learner_id, "retry", RETRY_DELAY, uncertain=sent_maybe)
        except BadRequest as exc:
            log.warning("Telegram refused the nudge for %s: %s", learner_id, exc.message)
            return Outcome(learner_id, "failed")
        except (NetworkError, TelegramError) as exc:
            log.warning("nudge for %s not delivered, will retry: %s", learner_id, exc)
            return Outcome(learner_id, "retry", RETRY_DELAY)
        return Outcome(learner_id, "sent")
