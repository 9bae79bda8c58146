"""The webhook server: Telegram's POSTs go onto the update queue; GET /healthz reports health,
GET /metrics the metrics."""

from __future__ import annotations

import hmac
import logging

from aiohttp import web
from telegram import Update

from bot.config import HEALTH_PATH, METRICS_PATH
from bot.context import BotApplication, Services
from bot.runtime.health import DATABASE_TIMEOUT, check_database
from bot.runtime.scrape import listen, metrics_response

log = logging.getLogger(__name__)

#: The header Telegram sends the webhook's secret token in.
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
#: The largest request body accepted (Telegram's updates are a few kilobytes).
MAX_BODY_BYTES = 1024 * 1024
#: How long stopping waits for requests in flight (they only enqueue, so they are quick).
SHUTDOWN_TIMEOUT = 5.0


def _encode(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


class WebhookServer:
    """An aiohttp server in the Application's event loop: updates in, health out."""

    def __init__(
        self,
        app: BotApplication,
        *,
        path: str,
        secret: str,
        health_timeout: float = DATABASE_TIMEOUT,
    ) -> None:
        self.app = app
        self.path = path
        self._secret = _encode(secret)
        self._health_timeout = health_timeout
        self._runner: web.AppRunner | None = None

    def web_app(self) -> web.Application:
        """The aiohttp application: POST {path} for updates, GET /healthz, GET /metrics."""
        web_app = web.Application(client_max_size=MAX_BODY_BYTES)
        web_app.router.add_post(self.path, self._receive_update)
        web_app.router.add_get(HEALTH_PATH, self._health)
        web_app.router.add_get(METRICS_PATH, self._metrics)
        return web_app

    async def start(self, host: str, port: int) -> None:
        """Listen on ``host:port``; raises OSError when the address is taken."""
        self._runner = await listen(self.web_app(), host, port, SHUTDOWN_TIMEOUT)

    async def stop(self) -> None:
        """Stop accepting connections, let requests in flight finish, close."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _receive_update(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(_encode(given), self._secret):
            log.warning("webhook: refused a request from %s: wrong secret token", request.remote)
            return web.Response(status=403)
        if not self.app.running:
            return web.Response(status=503)  # stopping: Telegram delivers it again later
        try:
            data = await request.json()
        except ValueError:
            log.warning("webhook: refused a request body that is not JSON")
            return web.Response(status=400)
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            log.warning("webhook: refused a JSON body that is not an update")
            return web.Response(status=400)
        try:
            update = Update.de_json(data, self.app.bot)
        except Exception as exc:  # Telegram sent it and a retry cannot help: skip it
            # the error's text can quote the update (a learner's words): DEBUG only
            log.warning(
                "webhook: skipped update %s, which this library cannot read (%s)",
                data["update_id"],
                type(exc).__name__,
            )
            log.debug("why update %s could not be read", data["update_id"], exc_info=True)
            return web.Response()
        await self.app.update_queue.put(update)
        return web.Response()

    async def _metrics(self, request: web.Request) -> web.Response:
        services: Services | None = self.app.bot_data.get("services")
        if services is None:
            return web.Response(status=503, text="not started")
        return metrics_response(services.metrics, request)

    async def _health(self, _request: web.Request) -> web.Response:
        services: Services | None = self.app.bot_data.get("services")
        if services is None:
            reason: str | None = "not started"
        else:
            reason = await check_database(services.engine, self._health_timeout)
        if reason is None:
            return web.json_response({"status": "ok", "database": "ok"})
        return web.json_response({"status": "unavailable", "database": reason}, status=503)
