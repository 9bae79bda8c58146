"""The nudge's review question: "Yes" (still fresh) and "Open again"."""

from __future__ import annotations

from bot.callback_data import CallbackData, review_answer
from bot.context import BotContext
from bot.handlers.common import Reply
from bot.views.study import study_screen, topic_screen


async def review_button(context: BotContext, data: CallbackData) -> Reply:
    """Record the answer; "Open again" shows the topic's resources (progress unchanged)."""
    found = review_answer(data)
    snap, topic = await context.services.review.answer(
        context.who, found.topic_id, found.stage, found.answer
    )
    t = context.text(snap.ui_language)
    if found.answer == "open":
        return Reply(topic_screen(t, snap, topic), t.plain("toast-review-noted"))
    notice = t("review-thanks", topic=topic.title.get(t.locale))
    return Reply(study_screen(t, snap, notice=notice), t.plain("toast-review-noted"))
