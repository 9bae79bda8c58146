"""The baseline: a bare python-telegram-bot bot with the same API calls as ours, no work.

``/next`` (any text) is answered with a study card; pressing any of its buttons answers
the callback query and edits the message to the next card. The cards are our bot's
own, rendered once at start-up (no database, no roadmap walk per update), so both bots
send the same payloads: same HTML, entities, buttons and link previews, which is what
python-telegram-bot and the server have to serialise and parse. Same concurrency.

    python -m benchmarks.echo_bot    # TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL from env
"""

from __future__ import annotations

import os
from pathlib import Path

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.app import MAX_CONCURRENT_UPDATES
from bot.i18n import Translator
from bot.roadmap.loader import load_roadmap
from bot.services import path
from bot.services.path import NextResource, Status
from bot.services.snapshot import Snapshot, learner_state
from bot.services.tally import progress
from bot.views.screen import Screen
from bot.views.study import study_screen

ROADMAP = Path(__file__).resolve().parents[1] / "data" / "roadmap.yaml"


def cards() -> tuple[Screen, Screen]:
    """Our bot's first two study cards for a new English learner, rendered once."""
    roadmap, t = load_roadmap(ROADMAP), Translator().locale("en")
    screens: list[Screen] = []
    statuses: dict[str, str] = {}
    for _ in range(2):
        state = learner_state(
            roadmap,
            material="en",
            framework=None,
            start_at=None,
            elective=None,
            statuses=statuses,
            topics=frozenset(),
        )
        item = path.next_item(roadmap, state)
        assert isinstance(item, NextResource)
        snap = Snapshot(roadmap, 1, "Learner", "en", True, state, item, progress(roadmap, state))
        screens.append(study_screen(t, snap))
        statuses = {**statuses, item.resource.id: Status.DONE.value}
    return screens[0], screens[1]


FIRST, SECOND = cards()


def preview(screen: Screen) -> LinkPreviewOptions:
    """The same link preview as our bot asks for."""
    if screen.preview_url:
        return LinkPreviewOptions(url=screen.preview_url, prefer_small_media=True)
    return LinkPreviewOptions(is_disabled=True)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with a study card, as our /next does."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        FIRST.text,
        parse_mode=ParseMode.HTML,
        reply_markup=FIRST.keyboard,
        link_preview_options=preview(FIRST),
    )


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the button and edit the message to the next card, as our Done does."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(
        SECOND.text,
        parse_mode=ParseMode.HTML,
        reply_markup=SECOND.keyboard,
        link_preview_options=preview(SECOND),
    )


def main() -> None:
    base = os.environ["TELEGRAM_API_BASE_URL"]
    app = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .concurrent_updates(MAX_CONCURRENT_UPDATES)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    app.run_polling(allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY])


if __name__ == "__main__":
    main()
