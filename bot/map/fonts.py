"""The fonts the map is drawn with (Vazirmatn, OFL, shipped in bot/assets/fonts) and their
layout engine.

Persian needs Pillow's raqm layout (HarfBuzz shaping, FriBiDi reordering). Pillow's wheels
carry raqm but load FriBiDi from the system (``libfribidi0`` on Debian): without it Pillow
falls back to its basic layout, which draws Persian letters unjoined and left to right.
The bot then still starts, and ``check_layout`` says so in a WARNING at start-up: every
other screen works, English maps are right, Persian maps are not readable.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from PIL import ImageFont, features

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parents[1] / "assets" / "fonts"
REGULAR = FONT_DIR / "Vazirmatn-Regular.ttf"
BOLD = FONT_DIR / "Vazirmatn-Bold.ttf"


def has_raqm() -> bool:
    """Whether Pillow can shape text (raqm with its FriBiDi)."""
    return bool(features.check("raqm"))


def layout_engine() -> ImageFont.Layout:
    return ImageFont.Layout.RAQM if has_raqm() else ImageFont.Layout.BASIC


def check_layout() -> bool:
    """Whether Persian maps can be drawn; a WARNING if not (called once, at start-up)."""
    if has_raqm():
        return True
    log.warning(
        "Pillow's raqm layout is unavailable (is libfribidi0 installed?): map pictures use"
        " the basic layout, and Persian text in them is not shaped"
    )
    return False


@functools.cache
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Vazirmatn at ``size`` pixels, with the best layout engine available."""
    return ImageFont.truetype(BOLD if bold else REGULAR, size, layout_engine=layout_engine())
