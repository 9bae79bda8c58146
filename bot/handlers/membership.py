"""The learner blocked or unblocked the bot (Telegram's my_chat_member updates)."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.constants import ChatType

from bot.context import BotContext


async def membership_changed(update: Update, context: BotContext) -> None:
    """Mark a learner who blocked the bot; they are welcomed back by their next message."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        return
    if change.new_chat_member.status == ChatMember.BANNED:
        await context.learning.mark_blocked(change.chat.id)
    elif change.new_chat_member.status == ChatMember.MEMBER:
        await context.learning.open(context.who)
