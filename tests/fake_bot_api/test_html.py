"""The Telegram-HTML parser and text normalisation, without a server."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fake_bot_api.entities import normalize, utf16_len
from fake_bot_api.html import HtmlParseError, parse_html


def parsed(source: str) -> tuple[str, list[dict[str, object]]]:
    text, entities = parse_html(source)
    return normalize(text, entities)


def test_plain_entities_and_nesting() -> None:
    text, entities = parsed('<b>bold <i>both</i></b> <a href="https://x.org/?a=1&amp;b=2">x</a>')
    assert text == "bold both x"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "italic", "offset": 5, "length": 4},
        {"type": "text_link", "offset": 10, "length": 1, "url": "https://x.org/?a=1&b=2"},
    ]


def test_offsets_are_utf16_for_persian_and_emoji() -> None:
    text, entities = parsed("<b>سلام</b> 👋 <i>دنیا</i> <u>🎉x</u>")
    assert text == "سلام 👋 دنیا 🎉x"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 8, "length": 4},
        {"type": "underline", "offset": 13, "length": 3},
    ]
    assert utf16_len(text) == 16


def test_html_entities_are_decoded() -> None:
    assert (
        parsed("a &lt; b &gt; c &amp; &quot;d&quot; &#1587; &#x1F44B;")[0] == 'a < b > c & "d" س 👋'
    )


def test_all_supported_tags() -> None:
    source = (
        "<strong>1</strong><em>2</em><ins>3</ins><s>4</s><strike>5</strike><del>6</del>"
        '<span class="tg-spoiler">7</span><tg-spoiler>8</tg-spoiler><code>9</code>'
        '<pre><code class="language-python">x = 1</code></pre>'
        "<blockquote>q</blockquote><blockquote expandable>e</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><a href="tg://user?id=1">u</a>'
    )
    text, entities = parsed(source)
    assert text == "123456789x = 1qe👍u"
    kinds = [(e["type"], e.get("language")) for e in entities]
    assert ("pre", "python") in kinds
    assert {k for k, _ in kinds} >= {
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "code",
        "blockquote",
        "expandable_blockquote",
        "custom_emoji",
        "text_link",
    }


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("<b>x", "Can't find end tag corresponding to start tag b"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("<br>", 'Unsupported start tag "br"'),
        ("&foo; bar", 'Unsupported HTML entity "&foo;"'),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ("Q&A", 'Character "&" at byte offset 1 is not a part of an HTML entity'),
        ("a > b", 'Character ">" must be escaped as "&gt;" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler"'),
        ('<a href="javascript:alert(1)">x</a>', 'Unsupported URL "javascript:alert(1)"'),
        ('<a href="example.com">x</a>', "Unsupported URL"),
        ("<b foo>x</b>", "Expected equal sign"),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier"),
        ("سلام <p>", 'Unsupported start tag "p" at byte offset 9'),  # byte offsets are UTF-8
    ],
)
def test_invalid_html_is_rejected(source: str, reason: str) -> None:
    with pytest.raises(HtmlParseError) as error:
        parse_html(source)
    assert reason in str(error.value)


def test_whitespace_is_trimmed_like_telegram() -> None:
    text, entities = parsed("\n  <b> hi </b>  \n\n")
    assert text == "hi"
    assert entities == [{"type": "bold", "offset": 0, "length": 2}]
    assert parsed("  <b>   </b> \n") == ("", [])


def test_adjacent_same_style_merges_and_empty_tags_vanish() -> None:
    assert parsed("<b>a</b><b>b</b><i></i>c") == (
        "abc",
        [{"type": "bold", "offset": 0, "length": 2}],
    )


def test_bold_inside_code_is_dropped() -> None:
    assert parsed("<code>a<b>b</b></code>") == ("ab", [{"type": "code", "offset": 0, "length": 2}])


def test_carriage_returns_are_removed() -> None:
    assert parsed("a\r\n<b>b</b>") == ("a\nb", [{"type": "bold", "offset": 2, "length": 1}])


@given(st.text(min_size=1, max_size=200))
def test_escaped_text_always_parses_back(raw: str) -> None:
    text, entities = parse_html(f"<b>{html.escape(raw)}</b>")
    assert text == raw
    assert entities in ([], [{"type": "bold", "offset": 0, "length": utf16_len(raw)}])
