"""Handing updates to the bot: long polling (getUpdates) or webhook POSTs, never both.

As on Telegram, a getUpdates request that is about to wait (no updates ready, timeout > 0)
terminates a still-waiting older one with 409 Conflict and carries on itself; setWebhook
terminates a waiting one too. (Telegram also throttles those 409s; the fake does not.)
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp

from fake_bot_api.errors import (
    GETUPDATES_CONFLICT,
    SETWEBHOOK_CONFLICT,
    WEBHOOK_CONFLICT,
    ApiError,
    bad_request,
)
from fake_bot_api.models import JsonDict
from fake_bot_api.params import Params
from fake_bot_api.state import World
from fake_bot_api.updates import Update

WEBHOOK_TIMEOUT = 10.0
WEBHOOK_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.5, 1.0)  # shortened Telegram-style back-off
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")


@dataclass
class WebhookConfig:
    """The webhook the bot set, and how delivery to it is going."""

    url: str
    secret_token: str | None
    max_connections: int
    allowed_updates: list[str] | None
    last_error_date: int | None = None
    last_error_message: str | None = None


class _PollTicket:
    """One waiting getUpdates request; `terminated_by` is set when something ends it."""

    def __init__(self) -> None:
        self.terminated_by: str | None = None


def _allowed_updates(p: Params) -> list[str] | None:
    allowed = p.json("allowed_updates", error="can't parse allowed_updates JSON array")
    if allowed is not None and (
        not isinstance(allowed, list) or not all(isinstance(kind, str) for kind in allowed)
    ):
        raise bad_request("can't parse allowed_updates JSON array")
    return allowed


class Delivery:
    """Owns the polling state and the webhook pusher task."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.webhook: WebhookConfig | None = None
        self.pushing = False  # a webhook POST is in flight
        self._poll: _PollTicket | None = None
        self._closing = False
        self._pusher: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start the webhook pusher (idle until a webhook is set)."""
        self._closing = False
        self._pusher = asyncio.create_task(self._push_loop(), name="fakeapi-webhook-pusher")

    async def stop(self) -> None:
        """Answer waiting long polls at once and stop pushing."""
        self._closing = True
        self.world.changed.notify()
        if self._pusher is not None:
            self._pusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pusher
            self._pusher = None

    # long polling --------------------------------------------------------------------------

    async def get_updates(self, p: Params, client_gone: Callable[[], bool]) -> list[Update]:
        """getUpdates: confirm by offset, then wait up to `timeout` s for updates."""
        if self.webhook is not None:
            raise ApiError(409, WEBHOOK_CONFLICT)
        offset = p.integer("offset")
        limit = min(max(p.integer("limit") or 100, 1), 100)
        timeout = max(p.number("timeout", 0.0), 0.0)
        self.world.updates.set_allowed(_allowed_updates(p))
        if offset is not None:
            self.world.updates.confirm(offset)
        updates = self.world.updates.peek(limit)
        if not updates and timeout > 0 and not self._closing:
            self._terminate_poll(GETUPDATES_CONFLICT)
            ticket = self._poll = _PollTicket()
            try:
                updates = await self._wait_for_updates(ticket, limit, timeout, client_gone)
            finally:
                if self._poll is ticket:
                    self._poll = None
        if updates:
            self.world.updates.mark_handed_out(updates)
            self.world.touch()
        return copy.deepcopy(updates)

    async def _wait_for_updates(
        self, ticket: _PollTicket, limit: int, wait_s: float, client_gone: Callable[[], bool]
    ) -> list[Update]:
        deadline = time.monotonic() + wait_s
        while True:
            if ticket.terminated_by is not None:
                # a stale request whose client already hung up is not the bot's fault
                raise ApiError(409, ticket.terminated_by, problem=not client_gone())
            updates = self.world.updates.peek(limit)
            remaining = deadline - time.monotonic()
            if updates or self._closing or remaining <= 0:
                return updates
            await self.world.changed.wait(remaining)

    def _terminate_poll(self, reason: str) -> None:
        if self._poll is not None:
            self._poll.terminated_by = reason
            self._poll = None
            self.world.changed.notify()

    # webhook -------------------------------------------------------------------------------

    def set_webhook(self, p: Params) -> bool:
        """setWebhook (an empty url removes the webhook)."""
        url = p.string("url") or ""
        if not url:
            return self.delete_webhook(p)
        parts = urlsplit(url)
        loopback = parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
        if parts.scheme != "https" and not loopback:
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.string("secret_token")
        if secret is not None and not _SECRET_RE.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        max_connections = p.integer("max_connections") or 40
        if not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        allowed = _allowed_updates(p)
        self.world.updates.set_allowed(allowed)
        if p.boolean("drop_pending_updates"):
            self.world.updates.drop_all()
        self.webhook = WebhookConfig(url, secret, max_connections, allowed)
        self._terminate_poll(SETWEBHOOK_CONFLICT)
        self.world.changed.notify()
        return True

    def delete_webhook(self, p: Params) -> bool:
        """deleteWebhook (drop_pending_updates honoured)."""
        if p.boolean("drop_pending_updates"):
            self.world.updates.drop_all()
        self.webhook = None
        self.world.changed.notify()
        return True

    def webhook_info(self, p: Params) -> JsonDict:
        """getWebhookInfo."""
        info: JsonDict = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": self.world.updates.pending_count,
        }
        hook = self.webhook
        if hook is not None:
            info.update(url=hook.url, max_connections=hook.max_connections)
            if hook.allowed_updates is not None:
                info["allowed_updates"] = list(hook.allowed_updates)
            if hook.last_error_date is not None:
                info["last_error_date"] = hook.last_error_date
                info["last_error_message"] = hook.last_error_message
        return info

    async def _push_loop(self) -> None:
        timeout = aiohttp.ClientTimeout(total=WEBHOOK_TIMEOUT)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            failures = 0
            while not self._closing:
                hook, update = self.webhook, self.world.updates.first()
                if hook is None or update is None:
                    await self.world.changed.wait()
                    continue
                if await self._post(session, hook, update):
                    self.world.updates.remove(update["update_id"])
                    self.world.updates.mark_handed_out([update])
                    failures = 0
                    continue
                delay = WEBHOOK_RETRY_DELAYS[min(failures, len(WEBHOOK_RETRY_DELAYS) - 1)]
                failures += 1
                await asyncio.sleep(delay)  # Telegram's retry back-off, shortened

    async def _post(
        self, session: aiohttp.ClientSession, hook: WebhookConfig, update: Update
    ) -> bool:
        headers = {}
        if hook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
        self.pushing = True
        self.world.touch()
        try:
            async with session.post(hook.url, json=update, headers=headers) as response:
                await response.read()
                if 200 <= response.status < 300:
                    return True
                error = f"Wrong response from the webhook: {response.status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            error = f"Connection failed: {exc.__class__.__name__}: {exc}"
        finally:
            self.pushing = False
            self.world.touch()
        hook.last_error_date = self.world.now()
        hook.last_error_message = error
        return False
