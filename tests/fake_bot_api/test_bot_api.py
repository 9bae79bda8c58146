"""Bot API methods of the fake, called by a real python-telegram-bot ``Bot`` over loopback."""

from __future__ import annotations

import time

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from fake_bot_api import FakeTelegram, SimUser
from tests.fake_bot_api.conftest import TOKEN

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.title(), callback_data=d)] for d in data])


@pytest.fixture
def user(fake: FakeTelegram) -> SimUser:
    return fake.user(first_name="Sara", language_code="fa")


async def test_get_me_and_html_message(fake: FakeTelegram, bot: Bot, user: SimUser) -> None:
    assert bot.username == "roadmap_test_bot"
    sent = await bot.send_message(user.id, "<b>سلام</b> 👋 <i>Sara</i>", parse_mode=ParseMode.HTML)
    assert sent.text == "سلام 👋 Sara"
    assert sent.entities == (
        MessageEntity("bold", 0, 4),
        MessageEntity("italic", 8, 4),
    )
    assert sent.from_user is not None and sent.from_user.id == bot.id
    [stored] = fake.messages(user.id)
    assert stored.html == "<b>سلام</b> 👋 <i>Sara</i>" and stored.parse_mode == "HTML"
    assert user.last == stored
    assert fake.check_problems() == []


@pytest.mark.parametrize("text", ["<b>x", "a < b", "<div>x</div>", "&foo;", "<b>x</i>"])
async def test_invalid_html_is_rejected_and_reported(
    fake: FakeTelegram, bot: Bot, user: SimUser, text: str
) -> None:
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(user.id, text, parse_mode=ParseMode.HTML)
    assert fake.messages(user.id) == []
    [problem] = fake.check_problems()
    assert problem.startswith(
        f"sendMessage (chat {user.id}): 400 Bad Request: can't parse entities"
    )


async def test_plain_text_is_taken_literally(bot: Bot, user: SimUser) -> None:
    sent = await bot.send_message(user.id, "a < b & <div>")
    assert sent.text == "a < b & <div>" and sent.entities == ()


async def test_text_length_counts_utf16_units(fake: FakeTelegram, bot: Bot, user: SimUser) -> None:
    await bot.send_message(user.id, "🙂" * 2048)  # exactly 4096 UTF-16 units
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(user.id, "🙂" * 2049)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(user.id, "<b>" + "x" * 4097 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(user.id, "  <b> </b>\n", parse_mode=ParseMode.HTML)
    assert len(fake.check_problems()) == 3


@pytest.mark.parametrize("data", ["x" * 65, "ب" * 33, ""])
async def test_callback_data_over_64_bytes_is_rejected(
    fake: FakeTelegram, bot: Bot, user: SimUser, data: str
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data=data)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(user.id, "pick", reply_markup=markup)
    assert "BUTTON_DATA_INVALID" in fake.check_problems()[0]


async def test_callback_data_of_exactly_64_bytes_is_fine(bot: Bot, user: SimUser) -> None:
    await bot.send_message(user.id, "pick", reply_markup=keyboard("ب" * 32))
    assert user.buttons() == ["ب" * 32]


async def test_button_urls_must_be_web_or_tg(bot: Bot, user: SimUser) -> None:
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("Docs", url="https://docs.python.org")]])
    assert (await bot.send_message(user.id, "read", reply_markup=ok)).reply_markup == ok
    bad = InlineKeyboardMarkup([[InlineKeyboardButton("Docs", url="ftp://example.org")]])
    with pytest.raises(BadRequest, match="Button_url_invalid"):
        await bot.send_message(user.id, "read", reply_markup=bad)


async def test_unknown_chat_and_blocked_user(fake: FakeTelegram, bot: Bot, user: SimUser) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hi")
    fake.block(user)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(user.id, "hi")
    fake.unblock(user)
    await bot.send_message(user.id, "welcome back")
    assert fake.check_problems() == [
        "sendMessage (chat 424242): 400 Bad Request: chat not found [text=hi]"
    ]


async def test_edit_rules(fake: FakeTelegram, bot: Bot, user: SimUser) -> None:
    sent = await bot.send_message(
        user.id, "<b>Step 1</b>", parse_mode="HTML", reply_markup=keyboard("next")
    )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<b>Step 1</b>",
            user.id,
            sent.message_id,
            parse_mode="HTML",
            reply_markup=keyboard("next"),
        )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=keyboard("next"))
    # same text, keyboard omitted: Telegram removes the keyboard, so this is a real change
    edited = await bot.edit_message_text(
        "<b>Step 1</b>", user.id, sent.message_id, parse_mode="HTML"
    )
    assert not isinstance(edited, bool) and edited.edit_date is not None
    [current] = fake.messages(user.id)
    assert current.reply_markup is None and current.buttons == [] and current.edits == 1
    await bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=keyboard("a", "b"))
    assert user.buttons() == ["A", "B"]
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", user.id, 999)
    assert len(fake.check_problems()) == 3


async def test_delete_message(fake: FakeTelegram, bot: Bot, user: SimUser) -> None:
    first = await bot.send_message(user.id, "one")
    await bot.send_message(user.id, "two")
    assert await bot.delete_message(user.id, first.message_id)
    assert [m.text for m in fake.messages(user.id)] == ["two"]
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(user.id, first.message_id)


async def test_answer_callback_query_rules(fake: FakeTelegram, bot: Bot, user: SimUser) -> None:
    await bot.send_message(user.id, "pick", reply_markup=keyboard("yes", "no"))
    query_id = await user.press("Yes")
    assert fake.callback_queries[query_id].data == "yes"
    assert [q.id for q in fake.unanswered_callback_queries()] == [query_id]
    with pytest.raises(BadRequest, match="Message_too_long"):
        await bot.answer_callback_query(query_id, text="x" * 201)
    assert await bot.answer_callback_query(query_id, text="Saved ✅")
    assert (await user.wait_answer(query_id)).answer == {
        "text": "Saved ✅",
        "show_alert": False,
        "url": None,
        "cache_time": None,
    }
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)  # answered twice
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("no-such-query")
    late = await user.press("No")
    fake.callback_queries[late].created_at -= 60  # pretend the bot took a minute
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(late)
    problems = fake.check_problems()
    assert len(problems) == 4 and all("answerCallbackQuery" in p for p in problems)


async def test_overall_rate_limit_answers_429() -> None:
    async with FakeTelegram(overall_rate_limit=2) as fake:
        user = fake.user()
        async with Bot(TOKEN, base_url=f"{fake.base_url}/bot") as bot:
            await bot.send_message(user.id, "1")
            await bot.send_message(user.id, "2")
            with pytest.raises(RetryAfter):
                await bot.send_message(user.id, "3")
            await bot.send_chat_action(user.id, "typing")  # not a message: not limited
        limited = fake.calls_to("sendMessage")[-1]
        assert (
            limited.error_code == 429 and limited.description == "Too Many Requests: retry after 1"
        )
        assert len(fake.messages(user.id)) == 2
        assert fake.check_problems() == []  # flood waits are not rule violations


async def test_per_chat_rate_limit_is_per_chat() -> None:
    async with FakeTelegram(per_chat_rate_limit=1) as fake:
        first, second = fake.user(), fake.user()
        async with Bot(TOKEN, base_url=f"{fake.base_url}/bot") as bot:
            await bot.send_message(first.id, "a")
            await bot.send_message(second.id, "b")
            with pytest.raises(RetryAfter):
                await bot.send_message(first.id, "c")


async def test_fault_fires_n_times_then_normal(fake: FakeTelegram, bot: Bot, user: SimUser) -> None:
    rule = fake.faults.add("sendMessage", status=500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_message(user.id, "hi")
    await bot.send_message(user.id, "hi")
    assert rule.fired == 2 and rule.exhausted
    assert [m.text for m in fake.messages(user.id)] == ["hi"]
    assert [c.injected for c in fake.calls_to("sendMessage")] == [True, True, False]
    assert fake.check_problems() == []


async def test_fault_kinds(fake: FakeTelegram, bot: Bot, user: SimUser) -> None:
    fake.faults.add("sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryAfter):
        await bot.send_message(user.id, "flood")
    assert fake.calls[-1].description == "Too Many Requests: retry after 3"
    fake.faults.add(drop_connection=True, chat_id=user.id)
    with pytest.raises(NetworkError):
        await bot.send_message(user.id, "dropped")
    fake.faults.add("sendMessage", status=200, delay=0.3)
    slow = HTTPXRequest(read_timeout=0.1)
    async with Bot(TOKEN, base_url=f"{fake.base_url}/bot", request=slow) as impatient:
        with pytest.raises(TimedOut):
            await impatient.send_message(user.id, "slow")
        await fake.settle()
    # the slow call still went through, as it would on Telegram
    assert [m.text for m in fake.messages(user.id)] == ["slow"]
    fake.faults.add(status=502, description="Bad Gateway", times=None)
    with pytest.raises(NetworkError):
        await bot.get_me()
    fake.faults.clear()
    await bot.get_me()
    assert fake.check_problems() == []


async def test_commands_and_descriptions(fake: FakeTelegram, bot: Bot, user: SimUser) -> None:
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("next", "Next step")])
    await bot.set_my_commands([BotCommand("start", "شروع")], language_code="fa")
    await bot.set_my_commands(
        [BotCommand("next", "Next")], scope=BotCommandScopeAllPrivateChats(), language_code="en"
    )
    await bot.set_my_commands([BotCommand("stats", "Stats")], scope=BotCommandScopeChat(user.id))
    assert fake.commands[("default", "")][1] == {"command": "next", "description": "Next step"}
    assert fake.commands[("default", "fa")] == [{"command": "start", "description": "شروع"}]
    assert ("all_private_chats", "en") in fake.commands
    assert (f'{{"chat_id":{user.id},"type":"chat"}}', "") in fake.commands
    assert [c.command for c in await bot.get_my_commands(language_code="fa")] == ["start"]
    await bot.delete_my_commands(language_code="fa")
    assert await bot.get_my_commands(language_code="fa") == ()
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start", "Start")])
    await bot.set_my_description("A roadmap bot", language_code="en")
    await bot.set_my_short_description("قدم به قدم", language_code="fa")
    assert fake.descriptions == {"en": "A roadmap bot"}
    assert fake.short_descriptions == {"fa": "قدم به قدم"}
    assert (await bot.get_my_description("en")).description == "A roadmap bot"
    assert (await bot.get_my_short_description("fa")).short_description == "قدم به قدم"


async def test_token_unknown_method_and_body_encodings(fake: FakeTelegram, user: SimUser) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("123:short", base_url=f"{fake.base_url}/bot"):
            pass
    async with httpx.AsyncClient(base_url=f"{fake.base_url}/bot{TOKEN}") as client:
        unknown = await client.post("/sendTelepathy", json={})
        assert unknown.status_code == 404
        assert unknown.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }
        as_json = await client.post(
            "/sendMessage",
            json={"chat_id": user.id, "text": "json", "reply_markup": {"inline_keyboard": []}},
        )
        as_query = await client.get("/SENDMESSAGE", params={"chat_id": user.id, "text": "query"})
        multipart = await client.post(
            "/sendMessage", data={"chat_id": str(user.id)}, files={"text": (None, "multipart")}
        )
    assert as_json.json()["result"]["text"] == "json"
    assert "reply_markup" not in as_json.json()["result"]  # an empty keyboard is no keyboard
    assert as_query.json()["ok"] and multipart.json()["ok"]
    assert [m.text for m in fake.messages(user.id)] == ["json", "query", "multipart"]
    assert [c.method for c in fake.calls[-3:]] == ["sendMessage"] * 3
    assert len(fake.check_problems()) == 2  # the bad token and the unknown method


async def test_markup_limits_and_markdown(fake: FakeTelegram, bot: Bot, user: SimUser) -> None:
    too_many = InlineKeyboardMarkup(
        [[InlineKeyboardButton(str(i), callback_data=str(i))] for i in range(101)]
    )
    with pytest.raises(BadRequest, match="Reply markup is too long"):
        await bot.send_message(user.id, "pick", reply_markup=too_many)
    with pytest.raises(BadRequest, match="not supported by this fake"):
        await bot.send_message(user.id, "*bold*", parse_mode=ParseMode.MARKDOWN_V2)
    assert len(fake.check_problems()) == 2


async def test_latency_is_added_to_every_call() -> None:
    async with FakeTelegram(latency=0.1) as fake:
        bot = Bot(TOKEN, base_url=f"{fake.base_url}/bot")
        async with bot:
            started = time.monotonic()
            await bot.get_me()
            assert time.monotonic() - started >= 0.1
