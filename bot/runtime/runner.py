"""Run the bot: long polling, or webhook mode with our own web server; stop gracefully."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from typing import TYPE_CHECKING

from telegram.error import InvalidToken

from bot.config import Settings, WebhookSettings
from bot.context import BotApplication
from bot.runtime.polling import POLL_TIMEOUT, PollingWatch

if TYPE_CHECKING:  # imported when needed: long polling starts faster without aiohttp
    from bot.runtime.webhook import WebhookServer

log = logging.getLogger(__name__)

#: Signals that start a graceful stop.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: Shorter webhook secrets are accepted (Telegram does) but warned about.
SHORT_SECRET = 16


def run(
    app: BotApplication,
    settings: Settings,
    allowed_updates: Sequence[str],
    watch: PollingWatch,
) -> None:
    """Serve until SIGINT/SIGTERM: webhook mode when WEBHOOK_URL is set, else long polling.

    ``allowed_updates``: the update types the application's handlers take; ``watch``:
    what follows long polling (the application's, from ``bot.app.polling_watch_of``).
    Raises ``PollingRefused`` after a graceful stop when Telegram refused getUpdates.
    """
    hook = settings.webhook
    if hook is None:
        log.info("starting long polling against %s", settings.telegram_api_base_url)
        watch.status_file = settings.health_path
        asyncio.run(run_polling(app, watch, allowed_updates))
        return
    asyncio.run(run_webhook(app, hook, allowed_updates))


@contextlib.contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` while in the block."""
    loop = asyncio.get_running_loop()

    def on_signal(sig: signal.Signals) -> None:
        if stop.is_set():
            log.info("received %s: already stopping", sig.name)
            return
        log.info("received %s: stopping (finishing the updates in hand)", sig.name)
        stop.set()

    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, on_signal, sig)
    try:
        yield
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)


async def run_polling(
    app: BotApplication, watch: PollingWatch, allowed_updates: Sequence[str]
) -> None:
    """Long-poll until a stop signal, or until Telegram refuses getUpdates; stop gracefully.

    PTB's polling gives up for good on a 401 or 404 (``InvalidToken``) while the process
    would stay up: here the watch notices, the bot stops as it does on SIGTERM, and
    ``PollingRefused`` is raised so that ``python -m bot`` exits 1 (a supervisor restarts it).
    """
    stop = asyncio.Event()
    watch.on_refused = stop.set
    with _stop_on_signals(stop):
        async with serve_polling(app, watch, allowed_updates):
            await stop.wait()
    if watch.refused is not None:
        watch.stopped(str(watch.refused))
        raise watch.refused
    watch.stopped("the bot was stopped")
    log.info("stopped")


@asynccontextmanager
async def serve_polling(
    app: BotApplication, watch: PollingWatch, allowed_updates: Sequence[str]
) -> AsyncIterator[None]:
    """Start the bot and long polling; on exit stop polling, finish the updates in hand."""
    assert app.updater is not None
    updater = app.updater
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(_running(app))
        await updater.start_polling(
            timeout=int(POLL_TIMEOUT),
            allowed_updates=list(allowed_updates),
            error_callback=watch.failed,
        )

        async def stop_polling() -> None:
            if watch.refused is not None:
                await _polling_given_up()
            if updater.running:
                # after a refusal PTB's polling task ended with InvalidToken: no final
                # getUpdates (it would be refused too)
                with contextlib.suppress(InvalidToken):
                    await updater.stop()

        stack.push_async_callback(stop_polling)
        watch.started()
        yield
        log.info("stopping: no new updates; finishing the updates in hand")


#: The name PTB gives its polling task (``Updater.start_polling``).
POLLING_TASK = "Updater:start_polling:polling_task"


async def _polling_given_up() -> None:
    """Wait until PTB's polling loop has ended on a refused getUpdates.

    Stopping the updater while the loop is still handling the refusal would leave its
    error unread ("Task exception was never retrieved") and make it ask once more.
    """
    for task in asyncio.all_tasks():
        if task.get_name() == POLLING_TASK:
            with contextlib.suppress(InvalidToken):
                await task


async def run_webhook(
    app: BotApplication, hook: WebhookSettings, allowed_updates: Sequence[str]
) -> None:
    """Serve webhook updates until a stop signal, then stop gracefully."""
    stop = asyncio.Event()
    with _stop_on_signals(stop):
        async with serve_webhook(app, hook, allowed_updates):
            await stop.wait()
    log.info("stopped")


@asynccontextmanager
async def serve_webhook(
    app: BotApplication, hook: WebhookSettings, allowed_updates: Sequence[str]
) -> AsyncIterator[WebhookServer]:
    """Start the bot and its web server, set the webhook; on exit stop in reverse order.

    Stopping closes the web server first (no new requests; Telegram keeps new updates
    queued and retries), then ``Application.stop()`` processes every update already
    queued or in hand, then shutdown and ``post_shutdown``. The webhook stays set.
    """
    from bot.runtime.webhook import WebhookServer

    if len(hook.secret) < SHORT_SECRET:
        log.warning("WEBHOOK_SECRET is short: use 32 random characters or more")
    server = WebhookServer(app, path=hook.path, secret=hook.secret)
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(_running(app))
        await server.start(hook.listen, hook.port)
        stack.push_async_callback(server.stop)
        await app.bot.set_webhook(
            hook.url, secret_token=hook.secret, allowed_updates=list(allowed_updates)
        )
        log.info(
            "webhook mode: listening on %s:%d%s; Telegram posts to %s for @%s; "
            "stop it with Ctrl+C (or SIGTERM)",
            hook.listen,
            hook.port,
            hook.path,
            hook.url,
            app.bot.username,
        )
        yield server
        log.info("stopping: no new requests; finishing the updates in hand")


@asynccontextmanager
async def _running(app: BotApplication) -> AsyncIterator[None]:
    """Initialize and start the application (``post_init``: migrations, services, menus,
    the nudge job); on exit stop it (finishing the updates in hand) and shut it down."""
    async with AsyncExitStack() as stack:
        await app.initialize()
        stack.push_async_callback(_shut_down, app)
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        stack.push_async_callback(_stop, app)
        yield


async def _stop(app: BotApplication) -> None:
    if not app.running:
        return
    await app.stop()  # processes what is queued and waits for handlers in progress
    if app.post_stop is not None:
        await app.post_stop(app)


async def _shut_down(app: BotApplication) -> None:
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
