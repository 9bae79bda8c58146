"""Drawing a ``MapPicture`` as a PNG: laid out left to right, mirrored for right to left."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from bot.map.fonts import font, has_raqm
from bot.map.picture import Box, MapPicture, Mark

#: Wide enough to read on a phone at full width.
WIDTH = 1080
#: Telegram's photo limits: width + height, and the longer side over the shorter.
MAX_SIDES = 10_000
MAX_RATIO = 20
MARGIN = 40
GAP = 18
PAD = 16
LINE = 38
MAX_LINES = 3

BACKGROUND = "#f5f7fa"
INK = "#1f2933"
#: A box's fill and its text colour, per mark.
COLOURS: dict[Mark, tuple[str, str]] = {
    Mark.DONE: ("#2e9e5b", "#ffffff"),
    Mark.STARTED: ("#f4b400", INK),
    Mark.SKIPPED: ("#9aa5b1", INK),
    Mark.UNNEEDED: ("#b39ddb", INK),
    Mark.LEFT: ("#ffffff", INK),
}
BORDER = "#c5ccd6"
#: The outline and pointer of the learner's position.
HERE = "#d7263d"


@dataclass(frozen=True)
class _Rect:
    x: int
    y: int
    w: int
    h: int
    fill: str
    outline: str
    width: int


@dataclass(frozen=True)
class _Text:
    x: int  # the line's start edge (left, or right when mirrored)
    y: int
    text: str
    size: int
    bold: bool
    fill: str


@dataclass(frozen=True)
class _Dot:
    x: int
    y: int
    r: int


_Op = _Rect | _Text | _Dot


class _Layout:
    """Operations placed left to right; ``render`` mirrors them for right to left."""

    def __init__(self, rtl: bool) -> None:
        self.rtl = rtl
        self.ops: list[_Op] = []
        self.y = MARGIN

    def length(self, text: str, size: int, bold: bool = False) -> float:
        if has_raqm():
            return font(size, bold=bold).getlength(text, direction=_direction(self.rtl))
        return font(size, bold=bold).getlength(text)

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Greedy word wrap to ``width`` pixels, at most ``MAX_LINES`` lines (then "…")."""
        lines: list[str] = []
        for word in text.split():
            if lines and self.length(f"{lines[-1]} {word}", size, bold) <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        if len(lines) > MAX_LINES:
            lines = [*lines[: MAX_LINES - 1], " ".join(lines[MAX_LINES - 1 :])]
        return [self._fit(line, size, width, bold) for line in lines] or [""]

    def _fit(self, line: str, size: int, width: int, bold: bool) -> str:
        while len(line) > 1 and self.length(line, size, bold) > width:
            line = line[:-2] + "…"
        return line

    def text(self, x: int, text: str, size: int, *, bold: bool = False, fill: str = INK) -> None:
        self.ops.append(_Text(x, self.y, text, size, bold, fill))


def _direction(rtl: bool) -> str:
    return "rtl" if rtl else "ltr"


def _box_height(layout: _Layout, box: Box, width: int) -> tuple[list[str], int]:
    lines = layout.wrap(box.label, 28, width - 2 * PAD)
    return lines, len(lines) * LINE + 2 * PAD


def _place(picture: MapPicture, columns: int) -> _Layout:
    layout = _Layout(picture.rtl)
    inner = WIDTH - 2 * MARGIN
    for line in layout.wrap(picture.title, 44, inner, bold=True):
        layout.text(MARGIN, line, 44, bold=True)
        layout.y += 58
    layout.y += 6
    _legend(layout, picture)
    box_width = (inner - GAP * (columns - 1)) // columns
    for section in picture.sections:
        layout.y += 26
        x = MARGIN
        if section.current:
            layout.ops.append(_Dot(MARGIN + 12, layout.y + 24, 12))
            x += 36
        for line in layout.wrap(section.heading, 34, inner - (x - MARGIN), bold=True):
            layout.text(x, line, 34, bold=True)
            layout.y += 48
        layout.y += 8
        for start in range(0, len(section.boxes), columns):
            row = section.boxes[start : start + columns]
            placed = [_box_height(layout, box, box_width) for box in row]
            height = max(h for _, h in placed)
            for index, (box, (lines, _)) in enumerate(zip(row, placed, strict=True)):
                _box(layout, box, lines, MARGIN + index * (box_width + GAP), box_width, height)
            layout.y += height + GAP
    layout.y += MARGIN - GAP
    return layout


def _box(layout: _Layout, box: Box, lines: list[str], x: int, width: int, height: int) -> None:
    fill, ink = COLOURS[box.mark]
    outline, line_width = (HERE, 6) if box.current else (BORDER, 2)
    layout.ops.append(_Rect(x, layout.y, width, height, fill, outline, line_width))
    if box.current:
        layout.ops.append(_Dot(x + width - 4, layout.y + 4, 14))
    top = layout.y
    layout.y += PAD
    for line in lines:
        layout.text(x + PAD, line, 28, fill=ink)
        layout.y += LINE
    layout.y = top


def _legend(layout: _Layout, picture: MapPicture) -> None:
    entries: list[tuple[str, str, str, int]] = [
        (COLOURS[mark][0], BORDER, name, 2) for mark, name in picture.legend
    ]
    entries.append((COLOURS[Mark.LEFT][0], HERE, picture.here, 5))
    x = MARGIN
    for fill, outline, name, line_width in entries:
        width = 34 + 10 + int(layout.length(name, 26)) + 28
        if x + width > WIDTH - MARGIN:
            x, layout.y = MARGIN, layout.y + 46
        layout.ops.append(_Rect(x, layout.y + 2, 34, 34, fill, outline, line_width))
        layout.text(x + 44, name, 26)
        x += width
    layout.y += 46


def _mirror(op: _Op, rtl: bool) -> _Op:
    if not rtl:
        return op
    if isinstance(op, _Rect):
        return _Rect(WIDTH - op.x - op.w, op.y, op.w, op.h, op.fill, op.outline, op.width)
    if isinstance(op, _Dot):
        return _Dot(WIDTH - op.x, op.y, op.r)
    return _Text(WIDTH - op.x, op.y, op.text, op.size, op.bold, op.fill)


def _layout(picture: MapPicture) -> _Layout:
    """The fewest columns (two at least) that keep the image within Telegram's limits."""
    for columns in (2, 3, 4):
        layout = _place(picture, columns)
        if WIDTH + layout.y <= MAX_SIDES and layout.y <= WIDTH * MAX_RATIO:
            return layout
    raise ValueError(f"the map does not fit a Telegram photo ({layout.y} px high)")


def render(picture: MapPicture) -> bytes:
    """The picture as a PNG, ``WIDTH`` pixels wide."""
    layout = _layout(picture)
    image = Image.new("RGB", (WIDTH, layout.y), BACKGROUND)
    draw = ImageDraw.Draw(image)
    anchor = "ra" if picture.rtl else "la"
    for op in (_mirror(op, picture.rtl) for op in layout.ops):
        if isinstance(op, _Rect):
            box = (op.x, op.y, op.x + op.w, op.y + op.h)
            draw.rounded_rectangle(box, 12, fill=op.fill, outline=op.outline, width=op.width)
        elif isinstance(op, _Dot):
            draw.ellipse((op.x - op.r, op.y - op.r, op.x + op.r, op.y + op.r), fill=HERE)
        else:
            _draw_text(draw, op, anchor, picture.rtl)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _draw_text(draw: ImageDraw.ImageDraw, op: _Text, anchor: str, rtl: bool) -> None:
    face: ImageFont.FreeTypeFont = font(op.size, bold=op.bold)
    if has_raqm():
        draw.text(
            (op.x, op.y), op.text, font=face, fill=op.fill, anchor=anchor, direction=_direction(rtl)
        )
    else:
        draw.text((op.x, op.y), op.text, font=face, fill=op.fill, anchor=anchor)
