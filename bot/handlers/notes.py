"""Notes on resources: the card's Note button, a reply to a card, /notes, edit, delete."""

from __future__ import annotations

from telegram import Message, Update

from bot.callback_data import Action, CallbackData, InvalidCallbackData, decode
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.services.errors import UnknownItem
from bot.services.notes import Saved, TooLong
from bot.views import notes as views


async def notes_command(update: Update, context: BotContext) -> None:
    """List the learner's notes (the first page)."""
    view = await context.services.notes.notes(context.who)
    await send(context, views.notes_screen(context.text(view.ui_language), view))


async def note_button(context: BotContext, data: CallbackData) -> Reply:
    """The card's Note: ask for the note in a new message (the card stays to reply to)."""
    prompt = await context.services.notes.ask(context.who, data.arg)
    t = context.text(prompt.ui_language)
    await send(context, views.note_prompt(t, prompt))
    return Reply(None)


async def notes_button(context: BotContext, data: CallbackData) -> Reply:
    """A page of /notes, an edit's prompt, a deletion's question or the deletion itself."""
    notes, learner = context.services.notes, context.who
    match data.action:
        case Action.NOTE_EDIT:
            prompt = await notes.ask_edit(learner, int(data.arg))
            return Reply(views.note_prompt(context.text(prompt.ui_language), prompt))
        case Action.NOTE_DELETE:
            locale, entry = await notes.note(learner, int(data.arg))
            return Reply(views.delete_confirm(context.text(locale), entry))
        case Action.NOTE_DELETE_YES:
            view, deleted = await notes.delete(learner, int(data.arg))
            t = context.text(view.ui_language)
            if not deleted:  # pressed twice, or forged: the notes as they are
                return Reply(views.notes_screen(t, view))
            notice, toast = t("note-deleted"), t.plain("toast-note-deleted")
            return Reply(views.notes_screen(t, view, notice=notice), toast)
        case _:  # Action.NOTES
            view = await notes.notes(learner)
            page = int(data.arg or 0)
            return Reply(views.notes_screen(context.text(view.ui_language), view, page))


async def answer_note(context: BotContext, outcome: Saved | TooLong) -> None:
    """Confirm a stored note, or say why it was not stored."""
    t = context.text(outcome.ui_language)
    if isinstance(outcome, TooLong):
        await send(context, views.note_too_long(t, outcome))
    else:
        await send(context, views.note_saved(t, outcome))


def card_resource(message: Message | None, bot_id: int) -> str | None:
    """The resource of the bot's study card ``message`` (its Note button names it)."""
    if message is None or message.from_user is None or message.from_user.id != bot_id:
        return None
    markup = message.reply_markup
    for row in markup.inline_keyboard if markup else ():
        for key in row:
            if not isinstance(key.callback_data, str):
                continue
            try:
                data = decode(key.callback_data)
            except InvalidCallbackData:
                continue
            if data.action is Action.NOTE:
                return data.arg
    return None


async def reply_note(update: Update, context: BotContext) -> bool:
    """A text reply to a study card is a note on its resource; False if it was not one."""
    message = update.effective_message
    if message is None or message.text is None:
        return False
    resource_id = card_resource(message.reply_to_message, context.bot.id)
    if resource_id is None:
        return False
    try:
        outcome = await context.services.notes.add(context.who, resource_id, message.text)
    except UnknownItem:
        await send(context, views.note_gone(context.text(await context.attend())))
        return True
    await answer_note(context, outcome)
    return True
