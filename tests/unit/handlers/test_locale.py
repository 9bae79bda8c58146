"""The learner's interface language is read once per update, and only when needed."""

from __future__ import annotations

from bot.handlers import guide, study
from bot.services.who import Who
from tests.unit.handlers.conftest import Chat


async def test_help_reads_the_locale_once_per_update(chat: Chat) -> None:
    context = await chat.send(guide.help_command, "/help")
    assert chat.store.committed == 1  # one unit of work, which registered nobody
    assert await context.locale() == "en"
    assert chat.store.committed == 1  # cached for the rest of the update
    assert chat.store.learners == {}
    assert "/next" in chat.only("sendMessage")["text"]


async def test_each_update_reads_it_afresh(chat: Chat) -> None:
    await chat.send(guide.help_command, "/help")
    await chat.services.learning.set_ui_language(Who(chat.user_id, chat.user_id), "fa")
    before = chat.store.committed
    await chat.send(guide.help_command, "/help")
    assert chat.store.committed == before + 1
    english, persian = (r["text"] for r in chat.requests("sendMessage"))
    assert english.startswith(chat.services.i18n("en", "help"))
    assert persian.startswith(chat.services.i18n("fa", "help"))


async def test_a_handler_with_a_snapshot_needs_no_locale_read(chat: Chat) -> None:
    context = await chat.send(study.next_command, "/next")
    assert chat.store.committed == 1
    assert await context.locale() == "en"  # known from the snapshot
    assert chat.store.committed == 1
