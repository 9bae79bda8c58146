"""FakeTelegram: a Bot API server on loopback that behaves like Telegram and checks its rules.

Point a real python-telegram-bot ``Application`` at it with
``.base_url(f"{fake.base_url}/bot").base_file_url(f"{fake.base_url}/file/bot")``.
Every request is logged in ``calls``; every 4xx the bot earned (invalid HTML, stale
callback answers, edits that change nothing, ...) is listed by ``check_problems()``, together
with callback queries that were never answered. 403s for blocked users, 429 flood waits and
anything injected through ``faults`` are logged but are not problems.

An unanswered callback query is reported whatever its age, so ``await fake.settle()``
before ``check_problems()``; a query whose late or invalid answer was rejected is
reported once, through that rejection.
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
from types import TracebackType
from typing import Any

from aiohttp import web

from fake_bot_api.delivery import Delivery, WebhookConfig
from fake_bot_api.errors import ApiError, too_many_requests
from fake_bot_api.faults import FaultPlan
from fake_bot_api.methods import BotApiMethods, Method
from fake_bot_api.models import ApiCall, BotMessage, CallbackRecord, JsonDict, SimChat
from fake_bot_api.params import Params, read_params
from fake_bot_api.ratelimit import RateLimiter, is_paid_broadcast
from fake_bot_api.state import World
from fake_bot_api.updates import update_kind
from fake_bot_api.users import SimUser

_LOGGER = logging.getLogger(__name__)
TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{30,}$")
FIRST_USER_ID = 100001
FIRST_GROUP_ID = -1001000000001
_dumps = functools.partial(json.dumps, ensure_ascii=False)
_Outcome = tuple[int, JsonDict] | None  # None: drop the connection


class _ConnectionDropped(Exception):
    """A fault rule asked to close the connection without answering."""


def _chat_of(values: dict[str, Any]) -> int | str | None:
    chat_id = values.get("chat_id")
    return chat_id if isinstance(chat_id, int | str) and not isinstance(chat_id, bool) else None


def _brief(value: Any, limit: int = 120) -> str:
    text = value if isinstance(value, str) else _dumps(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FakeTelegram:
    """A fake Telegram Bot API server plus the simulated users who talk to the bot."""

    def __init__(
        self,
        *,
        bot_id: int = 7000001,
        bot_username: str = "roadmap_test_bot",
        latency: float = 0.0,
        overall_rate_limit: float | None = None,
        per_chat_rate_limit: float | None = None,
        paid_broadcast_rate_limit: float | None = 1000,
        callback_answer_timeout: float = 15.0,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.world = World(
            bot_id=bot_id,
            bot_username=bot_username,
            callback_answer_timeout=callback_answer_timeout,
        )
        self.faults = FaultPlan()
        self.latency = latency
        self._limiter = RateLimiter(
            overall_rate_limit, per_chat_rate_limit, paid=paid_broadcast_rate_limit
        )
        self._delivery = Delivery(self.world)
        self._methods: dict[str, Method] = {
            **BotApiMethods(self.world).table,
            "setWebhook": self._delivery.set_webhook,
            "deleteWebhook": self._delivery.delete_webhook,
            "getWebhookInfo": self._delivery.webhook_info,
        }
        self._canonical = {name.lower(): name for name in [*self._methods, "getUpdates"]}
        self._host, self._port = host, port
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None
        self._inflight = 0
        self._tasks: set[asyncio.Task[_Outcome]] = set()
        self._users: dict[int, SimUser] = {}
        self._next_user_id = FIRST_USER_ID
        self._next_group_id = FIRST_GROUP_ID

    # lifecycle -----------------------------------------------------------------------------

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

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    # HTTP ----------------------------------------------------------------------------------

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
            self._inflight += 1
            self.world.touch()
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            call.result = await self._answer(call, token, read_error, client_gone)
            call.ok = True
            return 200, {"ok": True, "result": call.result}
        except ApiError as exc:
            self._record_error(call, exc)
            return exc.status, exc.payload()
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
                self._inflight -= 1
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

    # people and chats ----------------------------------------------------------------------

    def user(
        self,
        user_id: int | None = None,
        *,
        first_name: str = "Learner",
        username: str | None = None,
        language_code: str | None = "en",
    ) -> SimUser:
        """Register a user with a private chat (chat id == user id); return the same on reuse."""
        if user_id is None:
            while self._next_user_id in self.world.chats:
                self._next_user_id += 1
            user_id = self._next_user_id
            self._next_user_id += 1
        if user_id in self._users:
            return self._users[user_id]
        if user_id <= 0 or user_id in self.world.chats:
            raise ValueError(f"user id {user_id} must be positive and not used by a chat")
        sim = SimUser(
            self.world,
            user_id=user_id,
            first_name=first_name,
            username=username,
            language_code=language_code,
        )
        self.world.add_chat(sim.chat)
        self.world.users[user_id] = sim.to_api()
        self._users[user_id] = sim
        return sim

    def group(
        self,
        chat_id: int | None = None,
        *,
        title: str = "Study group",
        type: str = "supergroup",
        username: str | None = None,
    ) -> SimChat:
        """Register a group or supergroup the bot is a member of (negative ids)."""
        if type not in {"group", "supergroup"}:
            raise ValueError("type must be 'group' or 'supergroup'")
        if chat_id is None:
            while self._next_group_id in self.world.chats:
                self._next_group_id -= 1
            chat_id = self._next_group_id
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        chat = SimChat(id=chat_id, type=type, title=title, username=username)
        self.world.add_chat(chat)
        return chat

    def _member_update(self, user: SimUser, old: str, new: str) -> int:
        bot = dict(self.world.bot_user)
        new_member: JsonDict = {"user": bot, "status": new}
        old_member: JsonDict = {"user": bot, "status": old}
        for member in (new_member, old_member):
            if member["status"] == "kicked":
                member["until_date"] = 0
        change = {
            "chat": user.chat.to_api(),
            "from": user.to_api(),
            "date": self.world.now(),
            "old_chat_member": old_member,
            "new_chat_member": new_member,
        }
        return self.world.updates.push({"my_chat_member": change})

    def block(self, user: SimUser) -> None:
        """The user blocks the bot: sends to them get 403; a my_chat_member update is queued."""
        if user.id not in self.world.blocked:
            self.world.blocked.add(user.id)
            self._member_update(user, "member", "kicked")

    def unblock(self, user: SimUser) -> None:
        """The user unblocks the bot (and a my_chat_member update is queued)."""
        if user.id in self.world.blocked:
            self.world.blocked.discard(user.id)
            self._member_update(user, "kicked", "member")

    def push_update(self, update: JsonDict) -> int:
        """Enqueue any raw update (update_id assigned if missing); return its update_id."""
        return self.world.updates.push(update)

    # inspection ----------------------------------------------------------------------------

    @property
    def calls(self) -> list[ApiCall]:
        """Return every Bot API request so far, in arrival order."""
        return self.world.calls

    def calls_to(self, method: str) -> list[ApiCall]:
        """Return the requests made to one method."""
        return [call for call in self.world.calls if call.method == method]

    def messages(self, chat_id: int) -> list[BotMessage]:
        """Return the bot's current messages in a chat, in send order."""
        return self.world.bot_messages(chat_id)

    @property
    def callback_queries(self) -> dict[str, CallbackRecord]:
        """Return every callback query by id."""
        return self.world.callback_queries

    def unanswered_callback_queries(self) -> list[CallbackRecord]:
        """Return the callback queries the bot has not answered."""
        return [q for q in self.world.callback_queries.values() if not q.answered]

    @property
    def commands(self) -> dict[tuple[str, str], list[JsonDict]]:
        """Return commands by (scope key, language code or "")."""
        return self.world.commands

    @property
    def descriptions(self) -> dict[str, str]:
        """Return bot descriptions by language code ("" = default)."""
        return self.world.descriptions

    @property
    def short_descriptions(self) -> dict[str, str]:
        """Return bot short descriptions by language code ("" = default)."""
        return self.world.short_descriptions

    @property
    def webhook(self) -> WebhookConfig | None:
        """Return the webhook the bot set, if any."""
        return self._delivery.webhook

    def check_problems(self) -> list[str]:
        """Return every rule the bot broke so far, plus unanswered callback queries."""
        problems = list(self.world.problems)
        for query in self.unanswered_callback_queries():
            if query.rejected_answers == 0:
                problems.append(
                    f"callback query {query.id} from user {query.user_id} "
                    f"(data {query.data!r}, message {query.message_id}) was never answered"
                )
        return problems

    async def settle(self, quiet: float = 0.15, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has fetched every update and made no request for `quiet` s."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            unfetched = self.world.updates.unfetched()
            busy = self._inflight > 0 or self._delivery.pushing
            idle_for = now - self.world.last_activity
            if not unfetched and not busy and idle_for >= quiet:
                return
            if now >= deadline:
                raise TimeoutError(self._settle_report(timeout, unfetched, busy))
            wait = deadline - now if unfetched or busy else min(quiet - idle_for, deadline - now)
            await self.world.changed.wait(wait)

    def _settle_report(self, timeout: float, unfetched: list[JsonDict], busy: bool) -> str:
        lines = [f"FakeTelegram did not settle within {timeout}s:"]
        if unfetched:
            kinds = ", ".join(f"{u['update_id']}:{update_kind(u)}" for u in unfetched[:5])
            polls = self.calls_to("getUpdates")
            last_poll = f"{time.monotonic() - polls[-1].started_at:.1f}s ago" if polls else "never"
            lines.append(
                f"  {len(unfetched)} update(s) never fetched by the bot ({kinds}); "
                f"last getUpdates: {last_poll}; webhook set: {self.webhook is not None}"
            )
        if busy:
            pending = [c.method for c in self.world.calls if c.pending and c.method != "getUpdates"]
            lines.append(f"  requests still in flight: {pending or 'webhook delivery'}")
        if not unfetched and not busy:
            lines.append("  the bot kept making requests without a quiet gap")
        return "\n".join(lines)
