"""Notes: the prompt, the confirmation, /notes page by page, deleting one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from telegram import InlineKeyboardButton

from bot.callback_data import Action
from bot.i18n import Markup, Text, escape, link
from bot.keyboards import button, keyboard
from bot.l10n import calendar_date
from bot.services.notes import MAX_NOTE, Entry, NotesView, Prompt, Saved, TooLong
from bot.views.screen import KIND_ICONS, MAX_TEXT, Screen, join, lines, step_title

#: Notes on one page at most (each has a row of buttons).
PER_PAGE = 5
#: Room left for what a right-to-left layout and the page line add.
MARGIN = 96
#: How much of a note a prompt or a confirmation quotes.
QUOTE = 600


def _size(t: Text, text: str) -> int:
    """How much of Telegram's limit ``text`` takes as sent: laid out for the interface
    language, in UTF-16 code units (an emoji takes two); tags counted, so an overestimate."""
    return len(t.directed(text).encode("utf-16-le")) // 2


def day_label(t: Text, day: date) -> Markup:
    """ "2 Dec 2026" (Persian: the Solar Hijri date, "۱۱ آذر ۱۴۰۵")."""
    found = calendar_date(t.locale, day)
    return t(
        "note-date",
        day=t.number(found.day),
        month=t.plain(found.month_key),
        year=t.number(found.year),
    )


def _title(entry: Entry) -> Markup:
    resource = entry.resource
    if resource is None:
        return Markup(f"<code>{escape(entry.note.resource_id)}</code>")
    return Markup(f"{KIND_ICONS[resource.kind]} {link(str(resource.url), resource.display_title)}")


def _quoted(text: str, size: int) -> Markup:
    """The note's text, escaped, cut to ``size`` characters with "…" if longer."""
    return escape(text if len(text) <= size else text[: max(size - 1, 0)] + "…")


def _group(t: Text, entry: Entry) -> Markup:
    if entry.step is None or entry.topic is None:
        return Markup(f"<b>{t('notes-gone')}</b>")
    return Markup(f"<b>{step_title(t, entry.step)}</b> · {escape(entry.topic.title.get(t.locale))}")


def _block(t: Text, number: int, entry: Entry, *, header: bool, budget: int) -> tuple[Markup, int]:
    """One note as listed (under its step and topic's line if ``header``), cut to fit
    ``budget``; and its size as sent (laying out a long Persian note is the slow part:
    done once unless it must be cut)."""
    head = lines(
        _group(t, entry) if header else "",
        t("notes-entry", number=number, title=_title(entry), date=day_label(t, entry.day)),
    )
    room = budget - _size(t, head) - 4
    while True:
        block = lines(head, _quoted(entry.note.text, room))
        size = _size(t, block)
        if size <= budget or room <= 1:
            return block, size
        room -= size - budget


@dataclass(frozen=True)
class Listed:
    number: int
    entry: Entry
    block: Markup


def _key(entry: Entry) -> tuple[str, str] | None:
    return (entry.step.id, entry.topic.id) if entry.step and entry.topic else None


def pages(t: Text, view: NotesView) -> list[list[Listed]]:
    """The notes, numbered in roadmap order, packed into pages that fit one message."""
    header = _header(t, view, 9999, 9999)
    budget = MAX_TEXT - MARGIN - _size(t, header)
    result: list[list[Listed]] = []
    page: list[Listed] = []
    used = 0
    for number, entry in enumerate(view.entries, 1):
        header_here = not page or _key(page[-1].entry) != _key(entry)
        block, size = _block(t, number, entry, header=header_here, budget=budget)
        if page and (len(page) == PER_PAGE or used + size + 2 > budget):
            result.append(page)
            page, used = [], 0
            if not header_here:
                block, size = _block(t, number, entry, header=True, budget=budget)
        page.append(Listed(number, entry, block))
        used += size + 2
    if page:
        result.append(page)
    return result


def _header(t: Text, view: NotesView, page: int, count: int) -> Markup:
    title = t("notes-title", count=len(view.entries))
    return lines(title, t("notes-page", page=page, pages=count)) if count > 1 else title


def _row(t: Text, listed: Listed) -> list[InlineKeyboardButton]:
    number, note = listed.number, listed.entry.note
    row = []
    if listed.entry.resource is not None:
        row.append(
            button(t.plain("button-note-open", number=number), Action.SHOW, note.resource_id)
        )
    row.append(button(t.plain("button-note-edit", number=number), Action.NOTE_EDIT, str(note.id)))
    row.append(
        button(t.plain("button-note-delete", number=number), Action.NOTE_DELETE, str(note.id))
    )
    return row


def notes_screen(t: Text, view: NotesView, page: int = 0, *, notice: str = "") -> Screen:
    """One page of the learner's notes, each with buttons to open its card, edit, delete."""
    every = pages(t, view)
    if not every:
        back = button(t.plain("button-continue"), Action.NEXT)
        return t.screen(join(notice, t("notes-empty")), keyboard([back]))
    page = min(max(page, 0), len(every) - 1)
    shown = every[page]
    text = join(notice, _header(t, view, page + 1, len(every)), *(item.block for item in shown))
    nav = []
    if page > 0:
        nav.append(button(t.plain("button-page-back"), Action.NOTES, str(page - 1)))
    if page + 1 < len(every):
        nav.append(button(t.plain("button-page-next"), Action.NOTES, str(page + 1)))
    rows = [_row(t, item) for item in shown]
    return t.screen(text, keyboard(*rows, nav, [button(t.plain("button-continue"), Action.NEXT)]))


def note_prompt(t: Text, prompt: Prompt) -> Screen:
    """Asks for the note (or a note's new text) and says how to cancel."""
    title = (
        Markup(f"<b>{escape(prompt.resource.display_title)}</b>")
        if prompt.resource
        else Markup(f"<code>{escape(prompt.resource_id)}</code>")
    )
    if prompt.editing is None:
        text = t("note-prompt", title=title, max=MAX_NOTE)
        cancel = button(t.plain("button-cancel"), Action.SHOW, prompt.resource_id)
    else:
        text = join(
            t("note-edit-prompt", title=title, max=MAX_NOTE),
            _quoted(prompt.editing.note.text, QUOTE),
        )
        cancel = button(t.plain("button-cancel"), Action.NOTES)
    return t.screen(text, keyboard([cancel]))


def note_saved(t: Text, saved: Saved) -> Screen:
    """The note is stored: back to its card, or to every note."""
    entry = saved.entry
    key = "note-updated" if saved.edited else "note-saved"
    rows = []
    if entry.resource is not None:
        rows.append([button(t.plain("button-back-to-card"), Action.SHOW, entry.resource.id)])
    rows.append([button(t.plain("button-my-notes"), Action.NOTES)])
    return t.screen(t(key, title=_title(entry)), keyboard(*rows))


def note_too_long(t: Text, refused: TooLong) -> Screen:
    return t.screen(t("note-too-long", length=refused.length, max=MAX_NOTE))


def note_not_text(t: Text) -> Screen:
    return t.screen(t("note-not-text"))


def note_gone(t: Text) -> Screen:
    """A reply to the card of a resource that left the roadmap."""
    return t.screen(
        t("note-resource-gone"), keyboard([button(t.plain("button-my-notes"), Action.NOTES)])
    )


def delete_confirm(t: Text, entry: Entry) -> Screen:
    note = entry.note
    text = join(t("note-delete-confirm", title=_title(entry)), _quoted(note.text, QUOTE))
    return t.screen(
        text,
        keyboard(
            [
                button(t.plain("button-note-delete-yes"), Action.NOTE_DELETE_YES, str(note.id)),
                button(t.plain("button-cancel"), Action.NOTES),
            ]
        ),
    )
