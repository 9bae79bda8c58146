"""Text and entity normalisation the way Telegram stores a message (offsets in UTF-16 units)."""

from __future__ import annotations

import sys
from array import array
from typing import Any

Entity = dict[str, Any]

SPLITTABLE = frozenset({"bold", "italic", "underline", "strikethrough", "spoiler"})
HIDDEN_DATA = frozenset({"text_link", "text_mention", "custom_emoji"})
CODE_LIKE = frozenset({"code", "pre"})
USER_TYPES = SPLITTABLE | {
    "code",
    "pre",
    "text_link",
    "text_mention",
    "custom_emoji",
    "blockquote",
    "expandable_blockquote",
}
AUTO_TYPES = frozenset(
    {"mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number"}
)
# Telegram's sort order for entities sharing an offset and length (tdlib's type priorities).
_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_WHITESPACE = frozenset({0x20, 0x0A})
_REMOVED = frozenset({0x0D, 0x0333, 0x033F, 0x030A, *range(0x2028, 0x202F)})
_TO_SPACE = frozenset(set(range(0x20)) - {0x0A, 0x0D})


class EntityError(ValueError):
    """The explicitly given entities do not fit the text."""


def utf16_len(text: str) -> int:
    """Return the length of `text` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _to_units(text: str) -> array[int]:
    units = array("H")
    units.frombytes(text.encode("utf-16-le", "surrogatepass"))
    if sys.byteorder == "big":
        units.byteswap()
    return units


def _from_units(units: array[int]) -> str:
    copy = array("H", units)
    if sys.byteorder == "big":
        copy.byteswap()
    return copy.tobytes().decode("utf-16-le", "surrogatepass")


def sort_entities(entities: list[Entity]) -> list[Entity]:
    """Sort entities by offset, then longest first, then Telegram's type priority."""
    return sorted(entities, key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))


def _moved(entity: Entity, offset: int, end: int) -> Entity:
    return {**entity, "offset": offset, "length": end - offset}


def _clean(units: array[int], entities: list[Entity]) -> tuple[array[int], list[Entity]]:
    """Drop '\\r' and invisible separators, turn other control characters into spaces."""
    cleaned = array("H")
    new_index = [0] * (len(units) + 1)
    for index, unit in enumerate(units):
        new_index[index] = len(cleaned)
        if unit in _REMOVED:
            continue
        cleaned.append(0x20 if unit in _TO_SPACE else unit)
    new_index[len(units)] = len(cleaned)
    moved = [
        _moved(e, new_index[e["offset"]], new_index[e["offset"] + e["length"]]) for e in entities
    ]
    return cleaned, moved


def _without_code_overlap(entities: list[Entity]) -> list[Entity]:
    """Remove the parts of bold/italic/... entities that fall inside code or pre."""
    code = [(e["offset"], e["offset"] + e["length"]) for e in entities if e["type"] in CODE_LIKE]
    result: list[Entity] = []
    for entity in entities:
        if entity["type"] not in SPLITTABLE or not code:
            result.append(entity)
            continue
        pieces = [(entity["offset"], entity["offset"] + entity["length"])]
        for code_start, code_end in code:
            next_pieces = []
            for start, end in pieces:
                if code_end <= start or end <= code_start:
                    next_pieces.append((start, end))
                    continue
                if start < code_start:
                    next_pieces.append((start, code_start))
                if code_end < end:
                    next_pieces.append((code_end, end))
            pieces = next_pieces
        result.extend(_moved(entity, start, end) for start, end in pieces)
    return result


def _merge_splittable(entities: list[Entity]) -> list[Entity]:
    """Merge touching or overlapping entities of the same splittable type (as Telegram does)."""
    result = [e for e in entities if e["type"] not in SPLITTABLE]
    for kind in sorted(SPLITTABLE):
        spans = sorted(
            (e["offset"], e["offset"] + e["length"]) for e in entities if e["type"] == kind
        )
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        result.extend({"type": kind, "offset": s, "length": e - s} for s, e in merged)
    return result


def _trim_entity(units: array[int], entity: Entity) -> Entity | None:
    """Skip an entity's leading whitespace; drop it if it holds only whitespace."""
    start, end = entity["offset"], entity["offset"] + entity["length"]
    if entity["type"] in HIDDEN_DATA:
        return entity
    while start < end and units[start] in _WHITESPACE:
        start += 1
    if start == end:
        return None
    return _moved(entity, start, end)


def normalize(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Return (text, entities) as Telegram stores them; text is "" when nothing visible is left."""
    units, entities = _clean(_to_units(text), entities)
    entities = [e for e in entities if e["length"] > 0]
    entities = _merge_splittable(_without_code_overlap(entities))
    entities = [t for e in entities if (t := _trim_entity(units, e)) is not None]
    visible = [i for i, unit in enumerate(units) if unit not in _WHITESPACE]
    if not visible:
        return "", []
    last = visible[-1]
    # right trim: cut after the last visible character, clipping entities
    units = units[: last + 1]
    entities = [
        _moved(e, e["offset"], min(e["offset"] + e["length"], last + 1))
        for e in entities
        if e["offset"] <= last
    ]
    # left trim: drop leading whitespace, but never past the first entity
    first_entity = min((e["offset"] for e in entities), default=len(units))
    skip = 0
    while skip < first_entity and units[skip] in _WHITESPACE:
        skip += 1
    units = units[skip:]
    entities = [{**e, "offset": e["offset"] - skip} for e in entities]
    return _from_units(units), sort_entities(entities)


def _is_low_surrogate(units: array[int], index: int) -> bool:
    return index < len(units) and 0xDC00 <= units[index] <= 0xDFFF


def check_input_entities(raw: object, text: str) -> list[Entity]:
    """Validate an explicit `entities` parameter against `text`; keep only formatting entities."""
    if not isinstance(raw, list):
        raise EntityError("can't parse entities JSON object")
    units = _to_units(text)
    result: list[Entity] = []
    for item in raw:
        if not isinstance(item, dict):
            raise EntityError("can't parse MessageEntity: object expected")
        kind, offset, length = item.get("type"), item.get("offset"), item.get("length")
        if not isinstance(kind, str) or not isinstance(offset, int) or not isinstance(length, int):
            raise EntityError("can't parse MessageEntity: type, offset and length are required")
        if kind in AUTO_TYPES:
            continue
        if kind not in USER_TYPES:
            raise EntityError(f"can't parse MessageEntity: unsupported type {kind!r}")
        if offset < 0 or length < 0 or offset + length > len(units):
            raise EntityError(
                f"entity beginning at UTF-16 offset {offset} ends after the end of the text"
            )
        if _is_low_surrogate(units, offset) or _is_low_surrogate(units, offset + length):
            raise EntityError(f"entity at UTF-16 offset {offset} splits a UTF-16 symbol")
        if kind == "text_link" and not isinstance(item.get("url"), str):
            raise EntityError('can\'t parse MessageEntity: field "url" must be a String')
        if kind == "custom_emoji" and not isinstance(item.get("custom_emoji_id"), str):
            raise EntityError('can\'t parse MessageEntity: field "custom_emoji_id" is required')
        result.append(dict(item))
    return result
