"""Hostile input, generated: whatever arrives, the bot answers, keeps its data whole, serves on.

Hypothesis writes sequences of updates (forged and random button data, RTL and zero-width
text, control characters, 4,096+ characters, edited messages, channel posts, group
messages, inline queries, update kinds the bot never asked for, callback queries without a
message, brand-new users) and pushes them through the fake Telegram to the real bot. After
every sequence: no ERROR was logged, every callback query was answered and nothing the bot
sent broke Telegram's rules (``fake.check_problems()``), the database is consistent
(``tests/consistency.py``), and a fresh user's ``/next`` still gets the first resource.

One bot serves all the examples of a test (hypothesis runs them inside one test function).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from telegram import Update

from bot.callback_data import Action
from bot.roadmap.loader import default_roadmap_path, load_roadmap
from fake_bot_api import BotMessage, CallbackRecord, FakeTelegram, SimChat, SimUser
from fake_bot_api.updates import DEFAULT_ALLOWED
from fake_bot_api.users import chat_instance
from tests.consistency import database_problems
from tests.e2e.harness import WAIT, RunningBot, press, say, settled
from tests.e2e.test_journeys import resource_url

ROADMAP = load_roadmap(default_roadmap_path())
RESOURCE_IDS = sorted(ROADMAP.resource_ids)
TOPIC_IDS = [t.id for s in ROADMAP.steps for t in s.topics]
STEP_IDS = [s.id for s in ROADMAP.steps]

# -- text ----------------------------------------------------------------------------------

#: Characters that have broken bots before: RTL scripts and marks, zero-width (non-)joiners,
#: emoji sequences, HTML specials, quotes, control characters, a BOM, line separators.
NASTY = (
    "سلام دنیا ی ك ۱۲۳ مرحبا بالعالم "  # Persian, Arabic (and the two Yeh / Kaf forms)
    "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u2028\u2029\ufeff\u00a0\u3000"
    "👨‍👩‍👧‍👦🇮🇷✅⚠️🏳️‍🌈"
    "<>&\"';/\\@#$%`*_~[](){}|"
    "\x00\x01\x07\x08\t\n\r\x0b\x0c\x1b\x7f\x85"
)
CHARS = st.one_of(st.sampled_from(NASTY), st.characters(codec="utf-8"))
SHORT_TEXT = st.text(CHARS, max_size=60)
#: Longer than any Telegram message (4,096 characters), built by repetition to stay cheap.
LONG_TEXT = st.builds(
    lambda unit, size: (unit * size)[:size],
    st.text(CHARS, min_size=1, max_size=6),
    st.integers(4090, 5000),
)
COMMAND_NAMES = st.one_of(
    st.sampled_from(
        [
            "start",
            "next",
            "roadmap",
            "progress",
            "language",
            "reminders",
            "reset",
            "forget",
            "help",
            "stats",
            "reload",
            "START",
            "Next",
            "settings",
        ]
    ),
    st.from_regex(r"\A[A-Za-z0-9_]{1,40}\Z"),
)
COMMANDS = st.builds(
    lambda name, bot, tail: f"/{name}{bot}{tail}",
    COMMAND_NAMES,
    st.sampled_from(["", "@roadmap_test_bot", "@other_bot", "@ROADMAP_TEST_BOT"]),
    st.one_of(st.just(""), st.builds(lambda t: " " + t, SHORT_TEXT)),
)
#: Things learners type at the time-zone prompt, good and bad.
ZONES = st.sampled_from(
    [
        "Asia/Tehran",
        "asia/tehran",
        " Europe/Berlin ",
        "America/New York",
        "Mars/Olympus",
        "<b>UTC</b>",
        "UTC&amp;",
        "تهران",
        "Asia/Tehran\u200c",
        "../../etc/passwd",
        "\x00",
        "Etc/GMT+14",
    ]
)
TEXTS = st.one_of(SHORT_TEXT, LONG_TEXT, COMMANDS, ZONES)
#: Telegram allows first names of 1-64 characters: scripts, emoji, markup look-alikes.
FIRST_NAMES = st.one_of(
    st.text(CHARS, min_size=1, max_size=64),
    st.builds(lambda n: "👨‍👩‍👧‍👦" * n, st.integers(1, 64)),
    st.sampled_from(["<b>Ana</b>", "&lt;i&gt;", "</a><a href='tg://x'>", "Zoë", "سارا"]),
)

# -- button data ---------------------------------------------------------------------------

ARGS = st.one_of(
    st.sampled_from(RESOURCE_IDS + TOPIC_IDS + STEP_IDS),
    st.sampled_from(
        [
            *("", "en", "fa", "both", "yes", "no", "begin", "next", "custom", "day", "hour"),
            *("zone", "type", "on", "off", "snooze", "d3", "h23", "h24", "zAsia/Tehran"),
            *("zMars/Base", "no-such-book", "Not-A-Slug", "فارسی", "x" * 70),
        ]
    ),
    st.text(CHARS, max_size=20),
)
FORGED_DATA = st.one_of(
    # our format, every action, arguments valid, stale or absurd
    st.builds(lambda a, arg: f"1:{a}:{arg}", st.sampled_from([a.value for a in Action]), ARGS),
    # wrong version or shape, over 64 bytes, non-ASCII, empty
    st.builds(
        lambda v, rest: f"{v}:{rest}",
        st.sampled_from(["0", "2", "", "1 ", "１", "v1"]),
        st.text(CHARS, max_size=30),
    ),
    st.text(CHARS, max_size=90),
    st.just(""),
)

# -- actions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Say:
    """A user sends text in their private chat."""

    user: int
    text: str


@dataclass(frozen=True)
class ZonePrompt:
    """A user opens /reminders and asks to type a time zone: their next text is one."""

    user: int


@dataclass(frozen=True)
class PressButton:
    """A user presses the n-th callback button on the newest keyboard they were shown."""

    user: int
    index: int


@dataclass(frozen=True)
class PressData:
    """A user sends forged button data: on their last message, a group message, or none."""

    user: int
    data: str | None
    on: str  # "last" | "group" | "nothing"


@dataclass(frozen=True)
class Edit:
    """A user edits one of their earlier messages (Telegram sends edited_message)."""

    user: int
    text: str


@dataclass(frozen=True)
class InGroup:
    """A user writes in a group or supergroup the bot is in."""

    user: int
    group: int
    text: str


@dataclass(frozen=True)
class Media:
    user: int
    kind: str  # "sticker" | "photo"
    caption: str | None


@dataclass(frozen=True)
class Block:
    """A user blocks (or unblocks) the bot: my_chat_member updates, then 403s."""

    user: int
    blocked: bool


@dataclass(frozen=True)
class Raw:
    """An update of a kind the bot does not handle (or did not even ask for)."""

    kind: str
    user: int
    text: str


RAW_KINDS = [
    "channel_post",
    "edited_channel_post",
    "inline_query",
    "chosen_inline_result",
    "poll",
    "poll_answer",
    "chat_join_request",
    "my_chat_member_group",
    "message_reaction",
    "some_future_update",
    "message_without_text",
    "message_from_channel_sender",
]

USERS = 3
Action_ = Say | ZonePrompt | PressButton | PressData | Edit | InGroup | Media | Block | Raw
user_index = st.integers(0, USERS - 1)
#: The commands that move a learner somewhere, so that button presses find keyboards.
MOVES = st.sampled_from(
    ["/start", "/next", "/roadmap", "/reminders", "/language", "/reset", "/forget", "/progress"]
)
ACTIONS: st.SearchStrategy[Action_] = st.one_of(
    st.builds(Say, user_index, TEXTS),
    st.builds(Say, user_index, MOVES),
    st.builds(ZonePrompt, user_index),
    st.builds(PressButton, user_index, st.integers(0, 40)),
    st.builds(PressButton, user_index, st.integers(0, 40)),
    st.builds(
        PressData,
        user_index,
        st.one_of(FORGED_DATA, st.none()),
        st.sampled_from(["last", "last", "group", "nothing"]),
    ),
    st.builds(Edit, user_index, TEXTS),
    st.builds(InGroup, user_index, st.integers(0, 1), st.one_of(COMMANDS, SHORT_TEXT)),
    st.builds(Media, user_index, st.sampled_from(["sticker", "photo"]), st.none() | SHORT_TEXT),
    st.builds(Block, user_index, st.booleans()),
    st.builds(Raw, st.sampled_from(RAW_KINDS), user_index, SHORT_TEXT),
)


@dataclass
class Scene:
    """The people and chats of one example: new users (unknown to the bot), two groups."""

    fake: FakeTelegram
    users: list[SimUser]
    groups: list[SimChat]
    channel_id: int = -1009999999999


def push_unrequested(fake: FakeTelegram, update: dict[str, Any]) -> None:
    """Queue an update of a kind the bot did not ask for (``allowed_updates``).

    Telegram documents that changing ``allowed_updates`` does not affect updates created
    before the change, so unwanted kinds can arrive for a while; the bot must cope.
    """
    queue = fake.world.updates
    allowed = queue.allowed
    queue.allowed = DEFAULT_ALLOWED | {next(k for k in update if k != "update_id")}
    try:
        fake.push_update(update)
    finally:
        queue.allowed = allowed


def raw_query(
    fake: FakeTelegram, user: SimUser, data: str | None, message: BotMessage | None
) -> str:
    """A callback query as Telegram sends it, optionally without data or without a message."""
    world = fake.world
    query_id = world.new_query_id()
    world.add_query(
        CallbackRecord(
            id=query_id,
            user_id=user.id,
            chat_id=message.chat_id if message else user.chat_id,
            message_id=message.message_id if message else 0,
            data=data or "",
            created_at=time.monotonic(),
        )
    )
    query: dict[str, Any] = {"id": query_id, "from": user.to_api()}
    if message is not None:
        query["message"] = world.message_to_api(message)
        query["chat_instance"] = chat_instance(message.chat_id)
    else:  # a button on an inline-mode message: Telegram sends no message at all
        query["inline_message_id"] = "AgAAAFakeInlineMessageId"
        query["chat_instance"] = chat_instance(user.chat_id)
    if data is not None:
        query["data"] = data
    fake.push_update({"callback_query": query})
    return query_id


def raw_update(scene: Scene, action: Raw) -> dict[str, Any]:
    user, world = scene.users[action.user], scene.fake.world
    channel = {"id": scene.channel_id, "type": "channel", "title": "News <b>"}
    group = scene.groups[0].to_api()
    text = action.text or "x"
    match action.kind:
        case "channel_post" | "edited_channel_post":
            post = {"message_id": 1, "chat": channel, "date": world.now(), "text": text}
            return {action.kind: post}
        case "inline_query":
            return {
                "inline_query": {
                    "id": "9001",
                    "from": user.to_api(),
                    "query": action.text,
                    "offset": "",
                }
            }
        case "chosen_inline_result":
            return {
                "chosen_inline_result": {
                    "result_id": "1",
                    "from": user.to_api(),
                    "query": action.text,
                }
            }
        case "poll":
            return {
                "poll": {
                    "id": "1",
                    "question": text,
                    "options": [{"persistent_id": "0", "text": "a", "voter_count": 0}],
                    "total_voter_count": 0,
                    "is_closed": False,
                    "is_anonymous": True,
                    "type": "regular",
                    "allows_multiple_answers": False,
                    "allows_revoting": False,
                    "members_only": False,
                }
            }
        case "poll_answer":
            answer = {"poll_id": "1", "user": user.to_api(), "option_ids": [0]}
            return {"poll_answer": {**answer, "option_persistent_ids": ["0"]}}
        case "chat_join_request":
            return {
                "chat_join_request": {
                    "chat": group,
                    "from": user.to_api(),
                    "user_chat_id": user.chat_id,
                    "date": world.now(),
                }
            }
        case "my_chat_member_group":
            bot = dict(world.bot_user)
            return {
                "my_chat_member": {
                    "chat": group,
                    "from": user.to_api(),
                    "date": world.now(),
                    "old_chat_member": {"user": bot, "status": "left"},
                    "new_chat_member": {"user": bot, "status": "member"},
                }
            }
        case "message_reaction":
            return {
                "message_reaction": {
                    "chat": user.chat.to_api(),
                    "message_id": 1,
                    "user": user.to_api(),
                    "date": world.now(),
                    "old_reaction": [],
                    "new_reaction": [{"type": "emoji", "emoji": "👍"}],
                }
            }
        case "some_future_update":
            return {"some_future_update": {"from": user.to_api(), "text": text}}
        case "message_without_text":  # e.g. a service message: someone pinned something
            return {
                "message": {
                    "message_id": world.next_message_id(user.chat_id),
                    "from": user.to_api(),
                    "chat": user.chat.to_api(),
                    "date": world.now(),
                    "pinned_message": {"message_id": 1, "date": 0, "chat": user.chat.to_api()},
                }
            }
        case _:  # a message in a group sent on behalf of a channel: no real user
            return {
                "message": {
                    "message_id": world.next_message_id(scene.groups[0].id),
                    "from": {"id": 136817688, "is_bot": True, "first_name": "Channel"},
                    "sender_chat": channel,
                    "chat": group,
                    "date": world.now(),
                    "text": text,
                }
            }


async def next_with_button(user: SimUser, label: str) -> BotMessage:
    """The user's next new or edited message that has a button labelled with ``label``."""
    for _ in range(20):
        message = await user.wait_message(timeout=WAIT)
        if any(label in text for text in message.button_texts()):
            return message
    raise AssertionError(f"no message with a {label!r} button")


def _user_text(fake: FakeTelegram, chat_id: int, message_id: int) -> bool:
    message = fake.world.user_message(chat_id, message_id)
    return message is not None and "text" in message


async def perform(scene: Scene, action: Action_) -> None:
    fake = scene.fake
    match action:
        case Say(user, text):
            await scene.users[user].send(text)
        case ZonePrompt(user):
            sim = scene.users[user]
            fake.unblock(sim)
            await settled(fake)
            await sim.send("/reminders")
            screen = await next_with_button(sim, "🌍")  # late replies to earlier texts first
            zones = await press(sim, "🌍", screen)
            await press(sim, "⌨️", zones)
        case PressButton(user, index):
            sim = scene.users[user]
            keyboards = [m for m in sim.messages if m.buttons]
            if not keyboards:
                return
            buttons = [b for row in keyboards[-1].buttons for b in row if b.callback_data]
            if buttons:
                button = buttons[index % len(buttons)]
                await sim.press_data(button.callback_data or "", message=keyboards[-1])
        case PressData(user, data, on):
            sim = scene.users[user]
            target: BotMessage | None = None
            if on == "last":
                target = sim.last
            elif on == "group":
                group_messages = fake.messages(scene.groups[0].id)
                target = group_messages[-1] if group_messages else None
            raw_query(fake, sim, data, target)
        case Edit(user, text):
            sim = scene.users[user]
            mine = [i for i in range(1, 300) if _user_text(fake, sim.chat_id, i)]
            if not mine:
                return
            filtered = fake.world.updates.filtered
            before = len(filtered)
            await sim.edit(mine[0], text)
            if len(filtered) > before:  # not asked for (allowed_updates): deliver anyway
                push_unrequested(fake, filtered.pop())
        case InGroup(user, group, text):
            await scene.users[user].send(text, chat=scene.groups[group])
        case Media(user, kind, caption):
            sim = scene.users[user]
            await (sim.send_sticker() if kind == "sticker" else sim.send_photo(caption))
        case Block(user, blocked):
            (fake.block if blocked else fake.unblock)(scene.users[user])
        case Raw():
            push_unrequested(fake, raw_update(scene, action))


async def check_invariants(
    bot: RunningBot,
    fake: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
    known_problems: set[str] | frozenset[str] = frozenset(),
) -> None:
    """Everything answered and valid, nothing logged as an error, data whole, /next works."""
    await settled(fake, quiet=0.1)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []
    assert [p for p in fake.check_problems() if p not in known_problems] == []
    assert await database_problems(bot.services.engine, ROADMAP) == []
    fresh = fake.user(first_name="Fresh")
    card = await say(fresh, "/next")
    assert resource_url(card) is not None, card.text


#: How many sequences per test. The default run is fixed (derandomized: CI sees the same
#: examples every time); ``RELIABILITY_EXAMPLES=500`` explores that many new ones.
EXPLORE = os.environ.get("RELIABILITY_EXAMPLES")
#: One bot for all examples (its fixtures are not reset between them), examples that talk
#: to a server, and no shrinking: shrinking end-to-end examples takes minutes, and the
#: failing example is printed as it is.
E2E = settings(
    max_examples=int(EXPLORE) if EXPLORE else 40,
    derandomize=not EXPLORE,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@E2E
@given(
    names=st.lists(FIRST_NAMES, min_size=USERS, max_size=USERS),
    languages=st.lists(st.sampled_from(["en", "fa", None, "fa-IR", "pt-br"]), min_size=USERS),
    actions=st.lists(ACTIONS, min_size=1, max_size=14),
)
async def test_any_sequence_of_updates_leaves_the_bot_answering_and_the_data_whole(
    bot: RunningBot,
    fake: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
    names: list[str],
    languages: list[str | None],
    actions: list[Action_],
) -> None:
    caplog.clear()
    known = set(fake.check_problems())
    scene = Scene(
        fake,
        users=[
            fake.user(first_name=name, language_code=language)
            for name, language in zip(names, languages, strict=False)
        ],
        groups=[fake.group(type="group"), fake.group(type="supergroup")],
    )
    for action in actions:
        await perform(scene, action)
        await settled(fake, quiet=0.02)
    for user in scene.users:  # whatever happened, the user can carry on
        fake.unblock(user)
    await check_invariants(bot, fake, caplog, known)


async def test_the_generated_raw_updates_are_valid_bot_api_updates(fake: FakeTelegram) -> None:
    """The generator's raw shapes parse as this Bot API's updates (else they test nothing)."""
    scene = Scene(fake, [fake.user() for _ in range(USERS)], [fake.group(type="group")])
    for kind in RAW_KINDS:
        update = Update.de_json({"update_id": 1, **raw_update(scene, Raw(kind, 0, "x"))}, None)
        assert update.update_id == 1
        if kind == "some_future_update":
            assert "some_future_update" in update.api_kwargs


async def test_buttons_in_groups_change_nothing(bot: RunningBot, fake: FakeTelegram) -> None:
    """Button data forged onto the bot's message in a group is refused: no learner is
    registered with the group as their chat, the group message is not edited."""
    user, group = fake.user(), fake.group()
    await user.send("/start", chat=group)
    assert await fake.world.changed.wait_for(lambda: bool(fake.messages(group.id)), WAIT)
    await settled(fake)
    [pointer] = fake.messages(group.id)
    first = ROADMAP.steps[0].topics[0].resources[0].id
    for data in [f"1:d:{first}", "1:n:", "1:r:", "1:rx:on", "1:x:yes", "1:fg:yes", "1:om:fa"]:
        answer = await user.wait_answer(await user.press_data(data, message=pointer), timeout=WAIT)
        assert answer.answer is not None and answer.answer["show_alert"]
    await settled(fake)
    assert fake.messages(group.id) == [pointer]  # not edited, nothing new
    async with bot.services.engine.connect() as conn:
        learners = (await conn.execute(text("SELECT count(*) FROM learners"))).scalar_one()
    assert learners == 0


async def test_callback_queries_without_a_message_are_answered(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    """Buttons on inline-mode messages come without a message (and so without a chat)."""
    user = fake.user(language_code="fa")
    first = ROADMAP.steps[0].topics[0].resources[0].id
    for data in [f"1:d:{first}", "1:n:", "1:d:" + "x" * 70, "garbage", None]:
        query = raw_query(fake, user, data, None)
        assert (await user.wait_answer(query, timeout=WAIT)).answered
    card = await say(user, "/next")
    assert "0 از" in card.text or resource_url(card) is not None  # nothing was recorded


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_an_update_the_library_cannot_parse_does_not_block_the_others(
    bot: RunningBot, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    """PTB parses a getUpdates batch as a whole and, on failure, asks for the same batch
    again forever; the bot's client skips the one update it cannot read instead."""
    ana, bob = fake.user(first_name="Ana"), fake.user(first_name="Bob")
    # A poll in Bot API 9.5's shape (no persistent_id, allows_revoting, members_only).
    poll: dict[str, Any] = {"id": "1", "question": "?"}
    poll["options"] = [{"text": "a", "voter_count": 0}]
    poll |= {"total_voter_count": 0, "is_closed": False, "is_anonymous": True}
    poll |= {"type": "regular", "allows_multiple_answers": False}
    message = {"message_id": 1, "from": ana.to_api(), "chat": ana.chat.to_api()}
    skipped = fake.push_update({"message": {**message, "date": fake.world.now(), "poll": poll}})
    reply = await say(bob, "/next")  # queued behind the unreadable update
    assert resource_url(reply) is not None
    assert f"skipping update {skipped}" in caplog.text
    assert fake.world.updates.pending_count == 0  # confirmed: never fetched again
