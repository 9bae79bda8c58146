"""Telegram-HTML parser: validates markup like the Bot API and yields text + UTF-16 entities.

The tag grammar and error wording follow Telegram's own parser (tdlib ``parse_html``).
Telegram's parser quietly keeps a bare ``&``, ``>`` or unknown ``&name;`` as literal text,
but its documentation requires them to be escaped; this fake enforces the documented
contract, so a bot that forgets ``html.escape`` fails here instead of rendering garbage.
Links must use an http, https, tg or mailto URL (Telegram would silently drop others).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, overload
from urllib.parse import urlsplit

from fake_bot_api.entities import Entity, utf16_len

SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
LINK_SCHEMES = frozenset({"http", "https", "tg", "mailto"})
_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]*));")
_SPACES = frozenset(" \t\r\n\v\f")
#: What an unquoted attribute value may be made of.
_NAME_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-")


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; the message is Telegram's reason."""


@dataclass
class _OpenTag:
    name: str
    argument: str
    expandable: bool
    utf16_offset: int
    text_index: int
    byte_offset: int


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8", "surrogatepass"))


@overload
def _decode_entity(source: str, index: int, *, strict: Literal[True]) -> tuple[str, int]: ...
@overload
def _decode_entity(source: str, index: int, *, strict: bool) -> tuple[str, int] | None: ...
def _decode_entity(source: str, index: int, *, strict: bool) -> tuple[str, int] | None:
    """Decode the HTML entity at `index`; return (character, end index) or None if not one."""
    match = _ENTITY_RE.match(source, index)
    if match is None:
        if strict:
            raise HtmlParseError(
                f'Character "&" at byte offset {_byte_offset(source, index)} is not a part of '
                'an HTML entity; escape it as "&amp;"'
            )
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        if name not in _NAMED_ENTITIES:
            if not strict:
                return None
            raise HtmlParseError(
                f'Unsupported HTML entity "&{name};" at byte offset '
                f"{_byte_offset(source, index)}; only &lt; &gt; &amp; &quot; and numeric "
                "entities are supported"
            )
        return _NAMED_ENTITIES[name], match.end()
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        if not strict:
            return None
        raise HtmlParseError(
            f"Invalid numeric HTML entity at byte offset {_byte_offset(source, index)}"
        )
    return chr(code), match.end()


class _Parser:
    """One pass over the source, producing plain text and entities."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.pos = 0
        self.text: list[str] = []
        self.utf16 = 0
        self.entities: list[Entity] = []
        self.stack: list[_OpenTag] = []

    def error_at(self, reason: str, index: int) -> HtmlParseError:
        return HtmlParseError(f"{reason} at byte offset {_byte_offset(self.source, index)}")

    def emit(self, chars: str) -> None:
        self.text.append(chars)
        self.utf16 += utf16_len(chars)

    def at_end(self) -> bool:
        return self.pos >= len(self.source)

    def current(self) -> str:
        return self.source[self.pos] if self.pos < len(self.source) else ""

    def scan_name(self, stops: str) -> str:
        """Advance over a tag or attribute name; return it (not lower-cased)."""
        begin = self.pos
        while not self.at_end() and self.current() not in _SPACES and self.current() not in stops:
            self.pos += 1
        return self.source[begin : self.pos]

    def skip_spaces(self) -> None:
        while not self.at_end() and self.current() in _SPACES:
            self.pos += 1

    def run(self) -> tuple[str, list[Entity]]:
        source = self.source
        while not self.at_end():
            char = source[self.pos]
            if char == "&":
                character, self.pos = _decode_entity(source, self.pos, strict=True)
                self.emit(character)
            elif char == ">":
                raise self.error_at('Character ">" must be escaped as "&gt;"', self.pos)
            elif char != "<":
                self.emit(char)
                self.pos += 1
            elif source.startswith("</", self.pos):
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            raise HtmlParseError(
                f"Can't find end tag corresponding to start tag {self.stack[-1].name}"
            )
        return "".join(self.text), self.entities

    def start_tag(self) -> None:
        begin = self.pos
        self.pos += 1
        name = self.scan_name(">").lower()
        if self.at_end():
            raise self.error_at("Unclosed start tag", begin)
        if name not in SUPPORTED_TAGS:
            raise self.error_at(f'Unsupported start tag "{name}"', begin)
        argument, expandable = self.attributes(name, begin)
        self.pos += 1  # the closing '>'
        if name == "span" and argument != "spoiler":
            raise self.error_at('Tag "span" must have class "tg-spoiler"', begin)
        self.stack.append(_OpenTag(name, argument, expandable, self.utf16, len(self.text), begin))

    def attributes(self, tag: str, begin: int) -> tuple[str, bool]:
        """Parse attributes up to '>'; return the tag's meaningful argument."""
        argument, expandable = "", False
        while True:
            self.skip_spaces()
            if self.at_end():
                raise self.error_at("Unclosed start tag", begin)
            if self.current() == ">":
                return argument, expandable
            attribute = self.scan_name("=>").lower()
            self.skip_spaces()
            if self.current() != "=":
                if tag == "blockquote" and attribute == "expandable":
                    expandable = True
                    continue
                raise self.error_at(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}"', begin
                )
            self.pos += 1
            self.skip_spaces()
            if self.at_end():
                raise self.error_at(f'Unclosed start tag "{tag}"', begin)
            value = self.attribute_value(begin)
            if tag == "a" and attribute == "href":
                argument = value
            elif tag == "code" and attribute == "class" and value.startswith("language-"):
                argument = value.removeprefix("language-")
            elif tag == "span" and attribute == "class" and value.startswith("tg-"):
                argument = value.removeprefix("tg-")
            elif tag == "tg-emoji" and attribute == "emoji-id":
                argument = value

    def attribute_value(self, begin: int) -> str:
        quote = self.current()
        if quote not in "'\"":
            start = self.pos
            while not self.at_end() and self.current() in _NAME_TOKEN_CHARS:
                self.pos += 1
            if self.at_end() or (self.current() not in _SPACES and self.current() != ">"):
                raise self.error_at("Unexpected end of name token", start)
            return self.source[start : self.pos].lower()
        self.pos += 1
        value: list[str] = []
        while not self.at_end() and self.current() != quote:
            if self.current() == "&":
                decoded = _decode_entity(self.source, self.pos, strict=False)
                if decoded is not None:
                    value.append(decoded[0])
                    self.pos = decoded[1]
                    continue
            value.append(self.current())
            self.pos += 1
        if self.at_end():
            raise self.error_at("Unclosed start tag", begin)
        self.pos += 1
        return "".join(value)

    def end_tag(self) -> None:
        begin = self.pos
        if not self.stack:
            raise self.error_at("Unexpected end tag", begin)
        self.pos += 2
        name = self.scan_name(">").lower()
        self.skip_spaces()
        if self.current() != ">":
            raise self.error_at("Unclosed end tag", begin)
        self.pos += 1
        open_tag = self.stack[-1]
        if name and name != open_tag.name:
            raise HtmlParseError(
                f"Unmatched end tag at byte offset {_byte_offset(self.source, begin)}, "
                f'expected "</{open_tag.name}>", found "</{name}>"'
            )
        self.stack.pop()
        if self.utf16 > open_tag.utf16_offset:
            self.close_entity(open_tag)

    def close_entity(self, tag: _OpenTag) -> None:
        offset, length = tag.utf16_offset, self.utf16 - tag.utf16_offset
        entity: Entity = {"offset": offset, "length": length}
        last = self.entities[-1] if self.entities else None
        same_span = last is not None and (last["offset"], last["length"]) == (offset, length)
        if tag.name in _SIMPLE_TAGS:
            entity["type"] = _SIMPLE_TAGS[tag.name]
        elif tag.name == "a":
            url = tag.argument or "".join(self.text[tag.text_index :])
            if urlsplit(url).scheme.lower() not in LINK_SCHEMES:
                raise HtmlParseError(
                    f'Unsupported URL "{url}" in the tag "a" at byte offset {tag.byte_offset}'
                )
            entity.update(type="text_link", url=url)
        elif tag.name == "tg-emoji":
            if not tag.argument.isdigit() or int(tag.argument) == 0:
                raise HtmlParseError("Invalid custom emoji identifier specified")
            entity.update(type="custom_emoji", custom_emoji_id=tag.argument)
        elif tag.name == "blockquote":
            entity["type"] = "expandable_blockquote" if tag.expandable else "blockquote"
        elif tag.name == "pre":
            if last is not None and same_span and last["type"] == "code":
                language = last.pop("language", "")
                last["type"] = "pre"
                if language:
                    last["language"] = language
                return
            entity["type"] = "pre"
        else:  # code
            if last is not None and same_span and last["type"] == "pre" and tag.argument:
                last["language"] = tag.argument
                return
            entity["type"] = "code"
            if tag.argument:
                entity["language"] = tag.argument  # only kept if a <pre> wraps it
        self.entities.append(entity)


def parse_html(source: str) -> tuple[str, list[Entity]]:
    """Parse Telegram HTML into (plain text, entities); raise HtmlParseError like Telegram."""
    text, entities = _Parser(source).run()
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    return text, entities
