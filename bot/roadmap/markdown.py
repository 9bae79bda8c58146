"""What the seed and upstream Markdown documents share: list items, links, labels, kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.roadmap.models import Kind, Language, Price


class ImporterError(Exception):
    """The inputs cannot be turned into a roadmap; one problem per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


#: Kind headings as the documents write them (lowercase), bold or plain.
KINDS = {
    "book": Kind.BOOK,
    "books": Kind.BOOK,
    "video": Kind.VIDEO,
    "videos": Kind.VIDEO,
    "course": Kind.COURSE,
    "platform": Kind.PLATFORM,
    "platforms": Kind.PLATFORM,
    "website": Kind.WEBSITE,
    "docs": Kind.DOCS,
    "document": Kind.DOCS,
    "documentation": Kind.DOCS,
    "tutorial": Kind.TUTORIAL,
    "article": Kind.ARTICLE,
    "repository": Kind.REPOSITORY,
    "list of awesome things": Kind.LIST,
    "project generator": Kind.TEMPLATE,
}
_LANGUAGES = {"english": Language.EN, "persian": Language.FA}
_PRICES = {"free": Price.FREE, "paid": Price.PAID}

ITEM = re.compile(r"^(?P<indent>[ \t]*)[-*+](?:[ \t]+(?P<body>.*?))?[ \t]*$")
BOLD = re.compile(r"^\*\*(?P<text>[^*]+)\*\*$")
_LINK = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)(?P<labels>(?:\s*\([^()]*\))*)$")
_LABEL = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class Link:
    """One link of a document, with the kind its heading and the language and price its
    labels give it."""

    title: str
    url: str
    kind: Kind
    language: Language | None
    price: Price | None
    line: int


def parse_link(body: str, kind: Kind | None, line: int) -> Link | str | None:
    """The link a list item holds; a problem (``str``) if its labels are unknown; ``None``
    if the item is not a link."""
    match = _LINK.match(body)
    if match is None:
        return None
    language: Language | None = None
    price: Price | None = None
    for label in _LABEL.findall(match["labels"]):
        word = label.strip().lower()
        if word in _LANGUAGES and language is None:
            language = _LANGUAGES[word]
        elif word in _PRICES and price is None:
            price = _PRICES[word]
        else:
            return f"unknown or repeated label ({label})"
    title = match["title"].strip()
    return Link(title, match["url"], kind or Kind.LINK, language, price, line)


def repair_mojibake(line: str) -> str:
    """Undo UTF-8 that was decoded as Mac Roman (``üéâ`` → ``🎉``); other text is unchanged."""
    try:
        return line.encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return line


def plain_text(line: str) -> str:
    """A prose line as plain text: mojibake repaired, Markdown markup dropped."""
    text = repair_mojibake(line).strip()
    text = text.removesuffix("\\").replace("**", "")
    return re.sub(r"[ \t]+", " ", text).strip()
