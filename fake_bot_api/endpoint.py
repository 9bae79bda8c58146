"""The HTTP side of the fake Bot API: one aiohttp route for every ``/bot<token>/<method>``.

Each request is read and logged in ``World.calls``; then the token is checked, injected
faults, latency and flood limits are applied, and the method answers. Every error the bot
earned (as opposed to an injected fault or a flood wait) is recorded as a problem.
Other requests may carry on after the client hangs up, as they would at Telegram.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
import socket
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from fake_bot_api.delivery import Delivery
from fake_bot_api.errors import ApiError, too_many_requests
from fake_bot_api.faults import FaultPlan
from fake_bot_api.media import MediaMethods
from fake_bot_api.methods import BotApiMethods, Method
from fake_bot_api.models import ApiCall, JsonDict
from fake_bot_api.params import Params, read_params
from fake_bot_api.ratelimit import RateLimiter, is_paid_broadcast
from fake_bot_api.state import World

_LOGGER = logging.getLogger(__name__)
TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{30,}$")
_dumps = functools.partial(json.dumps, ensure_ascii=False)
_Outcome = tuple[int, JsonDict | str] | None  # a str: an HTML page; None: drop the connection


class _ConnectionDropped(Exception):
    """A fault rule asked to close the connection without answering."""


def _chat_of(values: dict[str, Any]) -> int | str | None:
    chat_id = values.get("chat_id")
    return chat_id if isinstance(chat_id, int | str) and not isinstance(chat_id, bool) else None


def _brief(value: Any, limit: int = 120) -> str:
    text = value if isinstance(value, str) else _dumps(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class BotApiEndpoint:
    """Serves the Bot API over HTTP on loopback: routing, faults, latency, flood limits."""

    def __init__(
        self,
        world: World,
        delivery: Delivery,
        faults: FaultPlan,
        limiter: RateLimiter,
        *,
        latency: float,
        host: str,
        port: int,
    ) -> None:
        self.world = world
        self.faults = faults
        self.latency = latency
        #: Requests being answered now, long polls aside.
        self.inflight = 0
        self._limiter = limiter
        self._delivery = delivery
        self._methods: dict[str, Method] = {
            **BotApiMethods(world).table,
            **MediaMethods(world).table,
            "setWebhook": delivery.set_webhook,
            "deleteWebhook": delivery.delete_webhook,
            "getWebhookInfo": delivery.webhook_info,
        }
        self._canonical = {name.lower(): name for name in [*self._methods, "getUpdates"]}
        self._host, self._port = host, port
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None
        self._tasks: set[asyncio.Task[_Outcome]] = set()

    @property
    def base_url(self) -> str:
        """Return "http://host:port" (available once started)."""
        if self._base_url is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._base_url

    async def start(self) -> None:
        """Start serving on the configured host and port (0: any free port)."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        runner = web.AppRunner(app, handler_cancellation=True, access_log=None, shutdown_timeout=1)
        await runner.setup()
        sock = socket.socket(socket.AF_INET6 if ":" in self._host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        await web.SockSite(runner, sock).start()
        host = f"[{self._host}]" if ":" in self._host else self._host
        self._base_url = f"http://{host}:{sock.getsockname()[1]}"
        self._runner = runner
        await self._delivery.start()

    async def stop(self) -> None:
        """Answer pending long polls, cancel slow answers and stop the server."""
        await self._delivery.stop()
        for task in list(self._tasks):
            task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _not_found(self, request: web.Request) -> web.Response:
        body = {"ok": False, "error_code": 404, "description": "Not Found"}
        return web.json_response(body, status=404)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        raw_method = request.match_info["method"]
        method = self._canonical.get(raw_method.lower(), raw_method)
        read_error: ApiError | None = None
        try:
            values = await read_params(request)
        except ApiError as exc:
            values, read_error = {}, exc
        call = ApiCall(method, values, _chat_of(values), time.monotonic())
        self.world.calls.append(call)
        self.world.changed.notify()

        def client_gone() -> bool:
            return request.transport is None or request.transport.is_closing()

        run = self._execute(call, request.match_info["token"], read_error, client_gone)
        if method == "getUpdates":
            outcome = await run  # a client that hangs up simply cancels its long poll
        else:
            # finish the work even if the client gives up waiting, as Telegram would
            task = asyncio.ensure_future(run)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            outcome = await asyncio.shield(task)
        if outcome is None:
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=500)
        status, body = outcome
        if isinstance(body, str):
            return web.Response(text=body, status=status, content_type="text/html")
        return web.json_response(body, status=status, dumps=_dumps)

    async def _execute(
        self,
        call: ApiCall,
        token: str,
        read_error: ApiError | None,
        client_gone: Callable[[], bool],
    ) -> _Outcome:
        counted = call.method != "getUpdates"
        if counted:
            self.inflight += 1
            self.world.touch()
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            call.result = await self._answer(call, token, read_error, client_gone)
            call.ok = True
            return 200, {"ok": True, "result": call.result}
        except ApiError as exc:
            self._record_error(call, exc)
            return exc.status, exc.page() if exc.html else exc.payload()
        except _ConnectionDropped:
            call.injected, call.description = True, "connection dropped (fault)"
            return None
        except asyncio.CancelledError:
            call.description = "cancelled: the client hung up or the fake stopped"
            raise
        except Exception as exc:  # a bug in the fake itself: make it loud, not a hang
            _LOGGER.exception("FakeTelegram failed to handle %s", call.method)
            self._record_error(call, ApiError(500, f"Internal Server Error: fake bug: {exc!r}"))
            return 500, {"ok": False, "error_code": 500, "description": call.description}
        finally:
            call.finished_at = time.monotonic()
            if counted:
                self.inflight -= 1
                self.world.touch()

    async def _answer(
        self,
        call: ApiCall,
        token: str,
        read_error: ApiError | None,
        client_gone: Callable[[], bool],
    ) -> Any:
        if not TOKEN_RE.match(token):
            raise ApiError(401, "Unauthorized")
        if read_error is not None:
            raise read_error
        rule = self.faults.take(call.method, call.chat_id)
        if rule is not None:
            if rule.delay:
                await asyncio.sleep(rule.delay)
            if rule.drop_connection:
                raise _ConnectionDropped
            if rule.status != 200:
                raise ApiError(
                    rule.status,
                    rule.error_description,
                    retry_after=rule.error_retry_after,
                    problem=False,
                    injected=True,
                    html=rule.html,
                )
        params = Params(call.params)
        if call.method == "getUpdates":
            return await self._delivery.get_updates(params, client_gone)
        handler = self._methods.get(call.method)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        retry_after = self._limiter.check(
            call.method,
            call.chat_id,
            time.monotonic(),
            paid=is_paid_broadcast(call.params.get("allow_paid_broadcast")),
        )
        if retry_after is not None:
            raise too_many_requests(retry_after)
        return handler(params)

    def _record_error(self, call: ApiCall, exc: ApiError) -> None:
        call.error_code, call.description, call.injected = exc.status, exc.description, exc.injected
        if not exc.problem or exc.injected:
            return
        where = f" (chat {call.chat_id})" if call.chat_id is not None else ""
        shown = ("text", "callback_query_id", "message_id", "reply_markup", "commands", "url")
        context = ", ".join(f"{k}={_brief(call.params[k])}" for k in shown if k in call.params)
        suffix = f" [{context}]" if context else ""
        self.world.problems.append(f"{call.method}{where}: {exc.status} {exc.description}{suffix}")
