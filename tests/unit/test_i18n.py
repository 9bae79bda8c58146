"""Translation catalogues: complete in both languages, and HTML-safe."""

from __future__ import annotations

import pytest

from bot.i18n import LOCALES, Markup, Translator, link


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def test_catalogues_have_the_same_messages(translator: Translator) -> None:
    assert translator.keys("en") == translator.keys("fa")


def test_arguments_are_escaped(translator: Translator) -> None:
    text = translator("en", "unknown-command", command="/<script>&")
    assert "<script>" not in text and "&lt;script&gt;&amp;" in text


def test_markup_is_not_escaped_twice(translator: Translator) -> None:
    text = translator("en", "chosen", label=Markup("<b>x</b>"))
    assert text == "<b>x</b> ✓"


def test_plain_text_is_not_escaped(translator: Translator) -> None:
    assert translator.locale("en").plain("chosen", label="A & B") == "A & B ✓"


def test_link_escapes_url_and_text() -> None:
    assert link('https://x.y/?a=1&b="2"', "<T>") == (
        '<a href="https://x.y/?a=1&amp;b=&quot;2&quot;">&lt;T&gt;</a>'
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_persian_is_persian(translator: Translator, locale: str) -> None:
    text = translator(locale, "button-done")
    assert any("\u0600" <= ch <= "\u06ff" for ch in text) == (locale == "fa")


def test_unknown_locale_falls_back_to_english(translator: Translator) -> None:
    assert translator.locale("de")("button-done") == translator("en", "button-done")
