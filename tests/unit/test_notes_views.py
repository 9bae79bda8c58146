"""/notes and the other note screens: valid Telegram HTML within 4096, every note listed once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from bot.bidi import CONTROLS
from bot.callback_data import Action, decode
from bot.db.rows import NoteRow
from bot.i18n import LOCALES, Translator
from bot.roadmap.models import Roadmap
from bot.services.notes import MAX_NOTE, Entry, NotesView, Prompt, Saved, TooLong, entry
from bot.views import Screen
from bot.views.notes import (
    delete_confirm,
    note_gone,
    note_not_text,
    note_prompt,
    note_saved,
    note_too_long,
    notes_screen,
    pages,
)
from fake_bot_api.entities import utf16_len
from fake_bot_api.html import parse_html

T0 = datetime(2026, 3, 21, 10, tzinfo=UTC)
TEXTS = ["short", "<b>not bold</b> & not an &amp; entity", "ن" * 900, "🙂" * 2048, "x" * MAX_NOTE]


def notes(roadmap: Roadmap, count: int) -> NotesView:
    """``count`` notes on resources all over the roadmap, some long, one on a resource gone."""
    ids = [r.id for r in roadmap.resources()]
    rows = [
        NoteRow(i, 1, ids[(i * 7) % len(ids)] if i % 11 else "gone-away", TEXTS[i % 5], T0, T0)
        for i in range(1, count + 1)
    ]
    return NotesView("en", tuple(entry(roadmap, row, "Asia/Tehran") for row in rows))


def sent(screen: Screen) -> str:
    text, _ = parse_html(screen.text)  # raises on invalid HTML
    assert 1 <= utf16_len(text) <= 4096
    if screen.keyboard is not None:
        for row in screen.keyboard.inline_keyboard:
            for key in row:
                assert isinstance(key.callback_data, str) and decode(key.callback_data)
    return text


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_fits_and_every_note_is_on_exactly_one(roadmap: Roadmap, locale: str) -> None:
    t = Translator().locale(locale)
    view = notes(roadmap, 16)
    every = pages(t, view)
    assert [item.number for page in every for item in page] == list(range(1, 17))
    for number, page in enumerate(every):
        screen = notes_screen(t, view, number)
        text = "".join(ch for ch in sent(screen) if ch not in CONTROLS)
        for item in page:
            shown = item.entry.note.text
            assert shown in text or (len(shown) > 1000 and "…" in text)
        deletes = [
            decode(key.callback_data).arg
            for row in screen.keyboard.inline_keyboard  # type: ignore[union-attr]
            for key in row
            if isinstance(key.callback_data, str)
            and decode(key.callback_data).action is Action.NOTE_DELETE
        ]
        assert deletes == [str(item.entry.note.id) for item in page]
    assert notes_screen(t, view, 999).text == notes_screen(t, view, len(every) - 1).text


def test_notes_come_in_roadmap_order_under_their_step_and_topic(roadmap: Roadmap) -> None:
    t = Translator().locale("en")
    view = notes(roadmap, 12)
    text = "".join(sent(notes_screen(t, view, n)) for n in range(len(pages(t, view))))
    assert "No longer on the roadmap" in text and "gone-away" in text
    assert "21 Mar 2026" in text
    assert re.search(r"Step \d", text)


def screens(roadmap: Roadmap, locale: str) -> Iterator[Screen]:
    t = Translator().locale(locale)
    view = notes(roadmap, 12)
    resource = next(roadmap.resources())
    for item in view.entries[:5]:
        yield note_prompt(t, Prompt(locale, resource.id, resource))
        yield note_prompt(t, Prompt(locale, item.note.resource_id, item.resource, editing=item))
        yield note_saved(t, Saved(locale, item, edited=False))
        yield note_saved(t, Saved(locale, item, edited=True))
        yield delete_confirm(t, item)
    yield note_too_long(t, TooLong(locale, MAX_NOTE + 1))
    yield note_not_text(t)
    yield note_gone(t)
    yield notes_screen(t, NotesView(locale, ()))


@pytest.mark.parametrize("locale", LOCALES)
def test_every_note_screen_is_valid_telegram_html(roadmap: Roadmap, locale: str) -> None:
    for screen in screens(roadmap, locale):
        sent(screen)


def test_a_persian_date_is_solar_hijri(roadmap: Roadmap) -> None:
    t = Translator().locale("fa")
    row = NoteRow(1, 1, next(roadmap.resources()).id, "متن", T0, T0)
    found: Entry = entry(roadmap, row, "Asia/Tehran")
    assert found.day == date(2026, 3, 21)
    assert "۱ فروردین ۱۴۰۵" in sent(notes_screen(t, NotesView("fa", (found,))))
