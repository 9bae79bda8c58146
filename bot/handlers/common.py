"""Plumbing every handler shares: replying, editing in place, answering buttons."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import json
import logging
import re
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery, LinkPreviewOptions, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.callback_data import CallbackData, InvalidCallbackData, decode
from bot.context import BotContext
from bot.services.errors import UnknownItem
from bot.views import Screen
from bot.views.study import study_screen

log = logging.getLogger(__name__)

#: Telegram's wording when an edit would change nothing.
NOT_MODIFIED = "message is not modified"
#: Edits Telegram refuses for old or vanished messages: send a new message instead.
CANNOT_EDIT = ("message to edit not found", "message can't be edited", "there is no text")


def _preview(screen: Screen) -> LinkPreviewOptions:
    if screen.preview_url:
        return LinkPreviewOptions(url=screen.preview_url, prefer_small_media=True)
    return LinkPreviewOptions(is_disabled=True)


async def send(context: BotContext, screen: Screen) -> Message | None:
    """Send ``screen`` as a new message to the learner's chat."""
    chat_id = context.who.chat_id
    try:
        return await context.bot.send_message(
            chat_id,
            screen.text,
            parse_mode=ParseMode.HTML,
            reply_markup=screen.keyboard,
            link_preview_options=_preview(screen),
        )
    except Forbidden:
        await context.learning.mark_blocked(chat_id)
        return None


_TAG = re.compile(r"<[^>]*>")


def shows(message: object, screen: Screen) -> bool:
    """True if ``message`` (as Telegram sent it with the query) already shows ``screen``."""
    if not isinstance(message, Message) or message.text is None:
        return False
    text = html.unescape(_TAG.sub("", screen.text)).strip()
    return text == message.text.strip() and screen.keyboard == message.reply_markup


def _digest(parts: object) -> bytes:
    return hashlib.blake2b(
        json.dumps(parts, sort_keys=True, ensure_ascii=False).encode(), digest_size=16
    ).digest()


def _screen_digest(screen: Screen) -> bytes:
    keyboard = screen.keyboard.to_dict() if screen.keyboard else None
    return _digest([screen.text, keyboard, screen.preview_url])


def _message_digest(message: Message) -> bytes:
    """What a message showed when its button was pressed, as Telegram sent it."""
    keyboard = message.reply_markup.to_dict() if message.reply_markup else None
    entities = [entity.to_dict() for entity in message.entities]
    return _digest([message.text, entities, keyboard])


class ShownScreens:
    """The edits this process made: for each message, what the pressed message showed and
    the screen the bot put in its place (the most recently edited messages only).

    A double press sends two queries carrying the same message as it was before either; the
    second would repeat the first's edit, which Telegram refuses. A learner's updates are
    handled one at a time, in order (``bot.runtime.concurrency``), so the first's edit is
    remembered before the second is handled. Another instance may have edited the message
    since: then the query shows something else, and the edit is made.
    """

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._edits: OrderedDict[tuple[int, int], tuple[bytes, bytes]] = OrderedDict()

    def repeats(self, key: tuple[int, int], shown: bytes, screen: bytes) -> bool:
        """Whether this process already replaced ``shown`` by ``screen`` in message ``key``."""
        return self._edits.get(key) == (shown, screen)

    def remember(self, key: tuple[int, int], shown: bytes, screen: bytes) -> None:
        self._edits[key] = (shown, screen)
        self._edits.move_to_end(key)
        while len(self._edits) > self.capacity:
            self._edits.popitem(last=False)


#: Where the application keeps its ``ShownScreens`` (``bot_data``: one per process).
SHOWN_SCREENS = "shown-screens"


def shown_screens(context: BotContext) -> ShownScreens:
    shown: ShownScreens = context.bot_data.setdefault(SHOWN_SCREENS, ShownScreens())
    return shown


async def edit(query: CallbackQuery, context: BotContext, screen: Screen) -> None:
    """Show ``screen`` in place of the message whose button was pressed."""
    message = query.message
    if shows(message, screen):
        return  # editing to identical content is an error on Telegram's side
    key, pressed, digest = None, b"", _screen_digest(screen)
    if isinstance(message, Message):
        key, pressed = (message.chat.id, message.message_id), _message_digest(message)
        if shown_screens(context).repeats(key, pressed, digest):
            return  # a double press: the first press's edit shows this already
    try:
        await query.edit_message_text(
            screen.text,
            parse_mode=ParseMode.HTML,
            reply_markup=screen.keyboard,
            link_preview_options=_preview(screen),
        )
    except BadRequest as exc:
        text = exc.message.lower()
        if any(reason in text for reason in CANNOT_EDIT):
            await send(context, screen)
            return
        if NOT_MODIFIED not in text:
            raise
        # Another instance served a double press first: the message already shows this.
    if key is not None:
        shown_screens(context).remember(key, pressed, digest)


@dataclass(frozen=True)
class Reply:
    """What a button handler wants: a screen in place of the message, and a toast."""

    screen: Screen | None
    toast: str | None = None
    alert: bool = False


ButtonHandler = Callable[[BotContext, CallbackData], Awaitable[Reply]]


def _checked(query: CallbackQuery) -> CallbackData:
    """The button's data, if this bot made it and the presser pressed it in their own
    private chat."""
    data = decode(query.data)
    if query.message is None:
        raise InvalidCallbackData("not on a message in a chat")
    if query.message.chat.type != ChatType.PRIVATE:
        # Forged onto a group message: it would register the group as the learner's
        # chat and show their card (and nudges) there.
        raise InvalidCallbackData("not in a private chat")
    if query.message.chat.id != query.from_user.id:
        # Forged onto another user's private chat (a private chat's id is its user's):
        # it would edit their message and make their chat the presser's.
        raise InvalidCallbackData("not in the presser's own chat")
    return data


class Press:
    """A callback query being served: answered once at most (Telegram refuses a second)."""

    def __init__(self, query: CallbackQuery) -> None:
        self.query = query
        #: An answer was sent (it may have failed, yet reached Telegram: not sent again).
        self.answered = False
        #: Telegram took the answer.
        self.took_answer = False

    async def answer(self, text: str | None = None, *, alert: bool = False) -> None:
        self.answered = True
        await self.query.answer(text, show_alert=alert)
        self.took_answer = True


def quiet(error: BaseException) -> bool:
    """Telegram did not take a request (the network, a flood wait, a blocked chat): no
    apology is due, or none could be delivered. A refusal (``BadRequest``) is our fault."""
    if isinstance(error, BadRequest):
        return False
    return isinstance(error, Forbidden | RetryAfter | NetworkError)


async def _apologise(press: Press, context: BotContext, error: BaseException) -> None:
    """Tell the learner their press failed: in the alert that answers it, or, answered
    already (e.g. the edit failed), in a message. In the language known without the
    database, which may be what failed."""
    t = context.text(context.telegram_locale())
    message = press.query.message
    try:
        if not press.answered:
            await press.answer(t.plain("error-generic"), alert=True)
        elif press.took_answer and message is not None and not quiet(error):
            await context.bot.send_message(message.chat.id, t.plain("error-generic"))
    except Exception:  # the original error matters more
        log.debug("could not apologise for a failed press", exc_info=True)


@contextlib.asynccontextmanager
async def serving(query: CallbackQuery, context: BotContext) -> AsyncIterator[Press]:
    """Serve a button press: whatever happens, it is answered once, and a failure is
    apologised for here (then raised on, for the error handler to log)."""
    press = Press(query)
    try:
        yield press
    except Exception as exc:
        await _apologise(press, context, exc)
        raise
    finally:
        if not press.answered:  # nothing to say: stop the spinner anyway
            try:
                await press.answer()
            except Exception:
                log.debug("could not answer callback query %s", query.id, exc_info=True)


def on_button(handler: ButtonHandler) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """Decode the button, run ``handler``, answer the query (always), then edit in place."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: BotContext) -> None:
        query = update.callback_query
        if query is None:
            return
        async with serving(query, context) as press:
            try:
                data = _checked(query)
            except InvalidCallbackData as exc:
                log.info("refused button data %r: %s", query.data, exc)
                # A query from an inline-mode message has no chat, so no learner: answer
                # in the user's Telegram language.
                locale = (
                    await context.locale() if context.has_learner else context.telegram_locale()
                )
                await press.answer(context.text(locale).plain("button-invalid"), alert=True)
                return
            try:
                reply = await handler(context, data)
            except UnknownItem as exc:
                log.info("stale button %r: %s", query.data, exc)
                snap = await context.learning.open(context.who)
                t = context.text(snap.ui_language)
                reply = Reply(study_screen(t, snap), t.plain("button-stale"))
            await press.answer(reply.toast, alert=reply.alert)
            if reply.screen is not None:
                await edit(query, context, reply.screen)

    return wrapper
