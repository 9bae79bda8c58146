"""bot.bidi: Persian lines laid out right to left, Latin runs isolated, HTML untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bidi import get_base_level, get_display
from hypothesis import given
from hypothesis import strategies as st

from bot.bidi import CONTROLS, LRI, PDI, RLM, rtl_html, rtl_plain
from fake_bot_api.html import parse_html

BOT = Path(__file__).parents[2] / "bot"


def visual(line: str) -> str:
    """What the line shows, left to right, without the marks."""
    return "".join(ch for ch in str(get_display(line)) if ch not in CONTROLS)


def bare(text: str) -> str:
    return "".join(ch for ch in text if ch not in CONTROLS)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("از /reminders بپرسید", f"از {LRI}/reminders{PDI} بپرسید"),
        ("/next: منبع بعدی", f"{RLM}{LRI}/next{PDI}: منبع بعدی"),
        ("Django یا Flask", f"{RLM}{LRI}Django{PDI} یا {LRI}Flask{PDI}"),
        (
            "مثل Asia/Tehran، Europe/Berlin یا",
            f"مثل {LRI}Asia/Tehran{PDI}، {LRI}Europe/Berlin{PDI} یا",
        ),
        ("📘 Fluent Python (2nd edition)", f"{RLM}📘 {LRI}Fluent Python (2nd edition){PDI}"),
        ("HTTP و APIهای REST", f"{RLM}{LRI}HTTP{PDI} و {LRI}API{PDI}های {LRI}REST{PDI}"),
        ("با @backend_bot صحبت کنید", f"با {LRI}@backend_bot{PDI} صحبت کنید"),
        ("ببینید https://example.com/a/ را", f"ببینید {LRI}https://example.com/a/{PDI} را"),
        ("▰▰▱▱", f"{RLM}▰▰▱▱"),
        ("🆓 رایگان · 🇬🇧 انگلیسی", f"{RLM}🆓 رایگان · 🇬🇧 انگلیسی"),
        ("", ""),
        ("سلام\n\nPython 3", f"سلام\n\n{RLM}{LRI}Python 3{PDI}"),
    ],
)
def test_plain_text(source: str, expected: str) -> None:
    assert rtl_plain(source) == expected


def test_html_tags_attributes_and_entities_are_untouched() -> None:
    source = (
        '📘 <b><a href="https://x.org/a?b=1&amp;c=Tehran">Tom &amp; Jerry</a></b> · کتاب\n'
        "<code>Asia/Tehran</code>، <code>Europe/Berlin</code> یا &lt;b&gt;"
    )
    out = rtl_html(source)
    assert out == (
        f'{RLM}📘 <b><a href="https://x.org/a?b=1&amp;c=Tehran">{LRI}Tom &amp; Jerry{PDI}</a></b>'
        " · کتاب\n"
        f"{RLM}<code>{LRI}Asia/Tehran{PDI}</code>، <code>{LRI}Europe/Berlin{PDI}</code>"
        f" یا &lt;{LRI}b{PDI}&gt;"
    )
    _text, entities = parse_html(out)  # still valid Telegram HTML, the link whole
    assert sorted(e["type"] for e in entities) == ["bold", "code", "code", "text_link"]
    assert [e["url"] for e in entities if "url" in e] == ["https://x.org/a?b=1&c=Tehran"]
    for tag in re.findall(r"<[^>]*>|&\w+;", out):
        assert not set(tag) & CONTROLS


def test_html_keeps_marks_out_of_tags_at_a_line_start() -> None:
    assert rtl_html("<b>Django</b> و <i>Flask</i>") == (
        f"{RLM}<b>{LRI}Django{PDI}</b> و <i>{LRI}Flask{PDI}</i>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "دستور /reminders را بفرستید؛ /next هم هست.",
        "/start: خوشامد",
        "در /progress ببینید (/language).",
    ],
)
def test_commands_keep_their_slash_first(text: str) -> None:
    out = rtl_plain(text)
    for command in re.findall(r"/[a-z]+", text):
        assert f"{LRI}{command}{PDI}" in out  # the "/" still starts a word for Telegram
        assert command in visual(out)
    assert get_base_level(out) == 1


@pytest.mark.parametrize(
    "text",
    [
        "مثل Asia/Tehran، Europe/Berlin یا America/New_York",
        "HTTP و APIهای REST",
        "📘 <b>Fluent Python (2nd edition)</b> · کتاب",
        "✅ بله، دوشنبه‌ها ساعت ۱۸:۰۰",
    ],
)
def test_lines_read_right_to_left_in_reading_order(text: str) -> None:
    out = parse_html(rtl_html(text))[0]
    assert get_base_level(out) == 1
    shown = visual(out)
    latin = re.findall(
        r"[A-Za-z][A-Za-z0-9_/()]*(?: [A-Za-z(][A-Za-z0-9_/()]*)*", bare(parse_html(text)[0])
    )
    positions = [shown.index(run) for run in latin]
    assert positions == sorted(positions, reverse=True)  # first in the sentence: rightmost


@given(st.text(alphabet=st.sampled_from("ab /@.:()1۱،سلام\n<>&;#x\u2066\u2069\u200f")))
def test_idempotent(text: str) -> None:
    once = rtl_plain(text)
    assert rtl_plain(once) == once
    assert bare(once) == bare(text)  # only marks are added


def test_idempotent_on_html_and_on_nested_plain_text() -> None:
    inner = rtl_plain("✅ تمام شد: Fluent Python")
    outer = rtl_plain(f"{inner} ✓")
    assert outer == f"{inner} ✓"
    html = rtl_html('<a href="https://x.org">Python 3</a> و /help')
    assert rtl_html(html) == html


def test_only_i18n_makes_screens() -> None:
    """Every message goes through Text.screen, so none escapes the layout (bot.bidi)."""
    makers = [
        path.relative_to(BOT).as_posix()
        for path in BOT.rglob("*.py")
        if re.search(r"(?<![\w.])Screen\(", path.read_text(encoding="utf-8"))
    ]
    assert makers == ["i18n.py"]
