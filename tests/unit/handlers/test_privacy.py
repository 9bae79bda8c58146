"""/forget: a confirmation, then everything deleted; nothing registered on the way."""

from __future__ import annotations

from bot.callback_data import Action, encode
from bot.handlers import privacy, study
from tests.fakes.uow import InMemoryStore
from tests.unit.handlers.conftest import Chat, buttons

EMPTY = InMemoryStore().dump()


async def test_forget_with_nothing_stored_says_so_and_registers_nobody(chat: Chat) -> None:
    chat.user["language_code"] = "fa"
    await chat.send(privacy.forget_command, "/forget")
    screen = chat.only("sendMessage")
    assert buttons(screen) == []  # nothing to confirm
    t = chat.services.i18n.locale("fa")  # Telegram's language
    assert screen["text"] == t.screen(t("forget-nothing")).text
    assert chat.store.dump() == EMPTY


async def test_forget_asks_first_then_deletes_everything(chat: Chat) -> None:
    await chat.press(study.mark_button, encode(Action.DONE, "grokking-algorithms"))
    chat.clear()
    await chat.send(privacy.forget_command, "/forget")
    assert buttons(chat.only("sendMessage")) == [
        encode(Action.FORGET, "yes"),
        encode(Action.FORGET, "no"),
    ]
    await chat.press(privacy.forget_button, encode(Action.FORGET, "yes"))
    assert chat.only("answerCallbackQuery")["text"] == chat.services.i18n.format(
        "en", "forget-toast", {}
    )
    assert chat.store.dump() == EMPTY
    chat.clear()
    await chat.press(privacy.forget_button, encode(Action.FORGET, "yes"))  # pressed again
    assert chat.store.dump() == EMPTY


async def test_no_keeps_everything(chat: Chat) -> None:
    await chat.press(study.mark_button, encode(Action.DONE, "grokking-algorithms"))
    before = chat.store.dump()
    await chat.press(privacy.forget_button, encode(Action.FORGET, "no"))
    assert chat.store.dump() == before
