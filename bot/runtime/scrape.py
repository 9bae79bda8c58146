"""GET /metrics over HTTP: the response the webhook server gives, and a server of its own."""

from __future__ import annotations

from aiohttp import web

from bot.config import METRICS_PATH
from bot.runtime.metrics import Metrics

#: How long stopping waits for a scrape in flight.
SHUTDOWN_TIMEOUT = 2.0


def metrics_response(metrics: Metrics, request: web.Request) -> web.Response:
    """The metrics, in the format the scraper accepts (``Metrics.render``)."""
    body, content_type = metrics.render(request.headers.get("Accept", ""))
    return web.Response(body=body, headers={"Content-Type": content_type})


async def listen(
    web_app: web.Application, host: str, port: int, shutdown_timeout: float
) -> web.AppRunner:
    """Serve ``web_app`` on ``host:port`` (no access log, no signal handlers of its own);
    the runner that stops it. Raises OSError when the address is taken."""
    runner = web.AppRunner(
        web_app, access_log=None, handle_signals=False, shutdown_timeout=shutdown_timeout
    )
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner


class MetricsServer:
    """An aiohttp server in the bot's event loop that answers only GET /metrics."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self._runner: web.AppRunner | None = None

    async def start(self, host: str, port: int) -> None:
        """Listen on ``host:port``; raises OSError when the address is taken."""
        web_app = web.Application()
        web_app.router.add_get(METRICS_PATH, self._scrape)
        self._runner = await listen(web_app, host, port, SHUTDOWN_TIMEOUT)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _scrape(self, request: web.Request) -> web.Response:
        return metrics_response(self.metrics, request)
