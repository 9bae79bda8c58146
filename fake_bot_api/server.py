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

The HTTP side lives in :mod:`fake_bot_api.endpoint`; this is the handle tests hold.
"""

from __future__ import annotations

import time
from types import TracebackType

from fake_bot_api.delivery import Delivery, WebhookConfig
from fake_bot_api.endpoint import BotApiEndpoint
from fake_bot_api.faults import FaultPlan
from fake_bot_api.models import ApiCall, BotMessage, CallbackRecord, JsonDict, SimChat
from fake_bot_api.ratelimit import RateLimiter
from fake_bot_api.state import World
from fake_bot_api.updates import update_kind
from fake_bot_api.users import SimUser

FIRST_USER_ID = 100001
FIRST_GROUP_ID = -1001000000001


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
        self._delivery = Delivery(self.world)
        self._endpoint = BotApiEndpoint(
            self.world,
            self._delivery,
            FaultPlan(),
            RateLimiter(overall_rate_limit, per_chat_rate_limit, paid=paid_broadcast_rate_limit),
            latency=latency,
            host=host,
            port=port,
        )
        self._users: dict[int, SimUser] = {}
        self._next_user_id = FIRST_USER_ID
        self._next_group_id = FIRST_GROUP_ID

    @property
    def faults(self) -> FaultPlan:
        """Return the faults to inject into the bot's requests."""
        return self._endpoint.faults

    @property
    def latency(self) -> float:
        """Return the seconds every request waits before it is answered."""
        return self._endpoint.latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        self._endpoint.latency = seconds

    # lifecycle -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """Return "http://host:port" (available once started)."""
        return self._endpoint.base_url

    async def start(self) -> None:
        """Start serving on the configured host and port (0: any free port)."""
        await self._endpoint.start()

    async def stop(self) -> None:
        """Answer pending long polls, cancel slow answers and stop the server."""
        await self._endpoint.stop()

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
            busy = self._endpoint.inflight > 0 or self._delivery.pushing
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
