"""Right-to-left text that stays readable: Persian lines with Latin runs in their own order.

Telegram clients lay out each line (each paragraph, to the Unicode Bidirectional Algorithm)
by its first strong character. A Persian line that starts with ``/next``, an emoji and a
Latin title, or a zone name is laid out left to right; and a Latin run inside a Persian
sentence is reordered with its neighbours (``/reminders`` shows as ``reminders/``;
``Asia/Tehran، Europe/Berlin`` swap places). So for a right-to-left interface:

* every Latin run (a command, a zone name, a URL, a Latin title such as
  ``Fluent Python (2nd edition)``, ``@username``, ``Python 3``) is wrapped in LRI … PDI
  (U+2066 … U+2069): inside, it keeps its own order; outside, it is one neutral character;
* every line whose first strong character is not right-to-left starts with an RLM
  (U+200F), so it is laid out right to left.

A run starts at a Latin letter (with what sticks to it: "/" of a command, "@", "2" of
"2nd"), spans spaces, punctuation and tags, and ends at its last letter or digit (with a
URL's final "/" or a bracket it opened) before Persian text, Arabic-script punctuation
("،", "؛") or a line break: so "Asia/Tehran، Europe/Berlin" are two runs, in reading
order. A left-to-right symbol alone (🆓, a flag) is no run. The RLM rule counts
characters inside isolates too (rule P2 skips them, a browser's ``dir=auto`` may not).

Where it is applied (one place per kind of output, all through ``bot.i18n.Text``):

* messages: ``Text.screen`` makes every ``Screen`` (defined in ``bot.i18n``), the only way
  the views, the handlers (the group reply too) and the weekly nudges build one
  (``tests/unit/test_bidi.py`` fails if anything else constructs a ``Screen``);
* button labels, toasts and alerts, the error apology, the command menu and the bot's
  profile texts: ``Text.plain``.

Pieces of a message (``Text.__call__``) are not directed on their own: a line is often
built from several (an icon, a link, a catalogue message), and only the whole line shows
where it starts.

Both are idempotent (runs already isolated are left alone, an RLM is a strong
right-to-left character), so a ``Text.plain`` result inside another message, or a screen
remade from a screen, is fine. Commands stay commands: the LRI goes before the "/",
which still starts a word for Telegram. Links stay links: marks go into the text between
tags, never into a tag, an attribute or an entity such as ``&amp;``.

Fluent's own isolation stays off (``use_isolating=False`` in ``bot.i18n``): it puts
FSI … PDI around every placeable (numbers and Persian words too, and inside HTML
attributes if a placeable were there), but not around the Latin written in the catalogue
itself (``/reminders``, ``<code>Asia/Tehran</code>``), and it never makes a line start
right to left. The work is done here, once, on the whole text.

No Telegram imports: it is text in, text out (English is never passed through it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

LRM = "\u200e"
RLM = "\u200f"
LRI = "\u2066"
RLI = "\u2067"
FSI = "\u2068"
PDI = "\u2069"
ISOLATE_OPENERS = frozenset({LRI, RLI, FSI})
#: Every bidi formatting character (to strip them when comparing what a line shows).
CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: Characters that belong to a Latin run when they come just before its first letter,
#: in the same word: "/cmd", "@user", "#tag", "2nd", ".ftl".
_PREFIX = frozenset("/@#$~._-+:0123456789")
#: Characters that belong to a Latin run when they come just after its last letter or
#: digit, in the same word: "https://host/", "C++", "C#".
_SUFFIX = frozenset("/+#")
_CLOSERS = {")": "(", "]": "[", "}": "{"}

_HTML_TOKEN = re.compile(r"<[^>]*>|&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]*);")


@dataclass
class _Unit:
    """One piece of the text: a character, an HTML tag or an HTML entity."""

    source: str
    #: The character it stands for (a tag stands for nothing).
    char: str
    before: str = ""
    after: str = ""

    @property
    def tag(self) -> bool:
        return not self.char


def _units(text: str, html: bool) -> list[_Unit]:
    if not html:
        return [_Unit(ch, ch) for ch in text]
    units: list[_Unit] = []
    position = 0
    for match in _HTML_TOKEN.finditer(text):
        units.extend(_Unit(ch, ch) for ch in text[position : match.start()])
        token = match.group()
        units.append(_Unit(token, "" if token.startswith("<") else unescape(token)))
        position = match.end()
    units.extend(_Unit(ch, ch) for ch in text[position:])
    return units


def _lines(units: list[_Unit]) -> Iterator[list[_Unit]]:
    line: list[_Unit] = []
    for unit in units:
        if unit.char == "\n":
            yield line
            line = []
        else:
            line.append(unit)
    yield line


def _arabic_script(char: str) -> bool:
    code = ord(char)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


def _kind(char: str) -> str:
    """ "L" a Latin (left-to-right) letter, "D" an ASCII digit, "R" right to left or
    Arabic script (Persian letters, digits, punctuation: a run never crosses them),
    "S" a space, "N" anything else (punctuation, symbols, emoji)."""
    if len(char) != 1:
        return "N"
    if "0" <= char <= "9":
        return "D"
    if _arabic_script(char):
        return "R"
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        # A letter; a left-to-right symbol alone (🆓, 🆕, a flag's halves) needs no isolate.
        return "L" if unicodedata.category(char).startswith("L") else "N"
    if kind in ("R", "AL"):
        return "R"
    if char.isspace():
        return "S"
    return "N"


def _frozen(line: list[_Unit]) -> list[bool]:
    """Which units are inside an isolate already there (or are its marks)."""
    frozen, depth = [], 0
    for unit in line:
        if unit.char in ISOLATE_OPENERS:
            depth += 1
            frozen.append(True)
        elif unit.char == PDI and depth:
            depth -= 1
            frozen.append(True)
        else:
            frozen.append(depth > 0)
    return frozen


def _isolate_runs(line: list[_Unit]) -> None:
    """Mark each Latin run to be wrapped in LRI … PDI. A run never crosses right-to-left
    or Arabic-script text, an isolate already there or a bidi mark ("X")."""
    frozen = _frozen(line)
    kinds = [
        "T" if u.tag else ("X" if f or u.char in CONTROLS else _kind(u.char))
        for u, f in zip(line, frozen, strict=True)
    ]
    index = 0
    while index < len(line):
        if kinds[index] != "L":
            index += 1
            continue
        start, end, scan = index, index, index
        while scan < len(line) and kinds[scan] not in ("R", "X"):
            if kinds[scan] in ("L", "D"):
                end = scan
            scan += 1
        while start > 0 and kinds[start - 1] not in ("T", "X") and line[start - 1].char in _PREFIX:
            start -= 1
        opened = 0
        for unit in line[start : end + 1]:
            opened += unit.char in "([{"
            opened -= unit.char in _CLOSERS
        while end + 1 < len(line) and kinds[end + 1] not in ("T", "X", "R"):
            char = line[end + 1].char
            if char in _SUFFIX:
                end += 1
            elif char in _CLOSERS and opened > 0:
                opened -= 1
                end += 1
            else:
                break
        line[start].before += LRI
        line[end].after = PDI + line[end].after
        index = max(scan, end + 1)


def _first_strong(line: list[_Unit]) -> str | None:
    """ "R", "L" or None: the line's first strong character, counting those inside
    isolates. The algorithm's rule P2 skips isolates, but not every renderer does (a
    browser's ``dir=auto``): a line that starts with an isolated run gets its RLM too."""
    for unit in line:
        if unit.tag:
            continue
        for char in unit.char:
            kind = unicodedata.bidirectional(char)
            if kind in ("R", "AL"):
                return "R"
            if kind == "L":
                return "L"
    return None


def _right_to_left(text: str, html: bool) -> str:
    out: list[str] = []
    for number, line in enumerate(_lines(_units(text, html))):
        if number:
            out.append("\n")
        if not any(unit.char.strip() for unit in line):
            out.extend(unit.source for unit in line)
            continue
        _isolate_runs(line)
        if _first_strong(line) != "R":
            out.append(RLM)
        out.extend(unit.before + unit.source + unit.after for unit in line)
    return "".join(out)


def rtl_html(text: str) -> str:
    """Telegram HTML laid out right to left, its Latin runs isolated; tags, attributes and
    entities untouched."""
    return _right_to_left(text, html=True)


def rtl_plain(text: str) -> str:
    """Plain text (a button label, a toast) laid out right to left, Latin runs isolated."""
    return _right_to_left(text, html=False)
