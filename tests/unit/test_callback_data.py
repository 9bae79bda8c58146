"""The button data codec: round trips, and refusal of anything forged."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.callback_data import (
    MAX_BYTES,
    Action,
    CallbackData,
    InvalidCallbackData,
    decode,
    encode,
    pattern,
    review_answer,
    review_argument,
    undo_argument,
    undo_target,
)
from bot.roadmap.models import Roadmap

SLUGS = st.from_regex(r"\A[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?\Z")


def test_every_roadmap_id_fits_in_callback_data(roadmap: Roadmap) -> None:
    ids = [r.id for r in roadmap.resources()]
    ids += [t.id for s in roadmap.steps for t in s.topics] + [s.id for s in roadmap.steps]
    for rid in ids:
        for action in (Action.DONE, Action.SKIP_TOPIC, Action.START_HERE, Action.ONBOARD_START):
            data = encode(action, rid)
            assert len(data.encode()) <= MAX_BYTES
            assert decode(data) == CallbackData(action, rid)


@given(SLUGS)
def test_slug_arguments_round_trip(slug: str) -> None:
    assert decode(encode(Action.DONE, slug)) == CallbackData(Action.DONE, slug)


@given(SLUGS, st.sampled_from([None, "done", "skipped", "started", "unneeded"]))
def test_undo_buttons_round_trip_the_status_they_restore(slug: str, previous: str | None) -> None:
    data = decode(encode(Action.UNDO, undo_argument(slug, previous)))
    assert undo_target(data) == (slug, previous)
    assert len(data.encode().encode()) <= MAX_BYTES


@given(SLUGS, st.sampled_from(["yes", "open"]), st.integers(1, 3))
def test_review_buttons_round_trip_their_answer(slug: str, answer: str, stage: int) -> None:
    arg = review_argument("yes" if answer == "yes" else "open", stage, slug)
    data = decode(encode(Action.REVIEW, arg))
    found = review_answer(data)
    assert (found.answer, found.stage, found.topic_id) == (answer, stage, slug)
    assert len(data.encode().encode()) <= MAX_BYTES


@pytest.mark.parametrize("arg", ["y0-git", "y4-git", "x1-git", "y1-", "y1git", "y1-Git", "yes"])
def test_review_arguments_outside_the_grammar_are_refused(arg: str) -> None:
    with pytest.raises(InvalidCallbackData):
        decode(f"1:rv:{arg}")


@pytest.mark.parametrize("arg", ["clrs~", "clrs~x", "~d", "clrs~d~d", "Clrs~d"])
def test_undo_arguments_outside_the_grammar_are_refused(arg: str) -> None:
    with pytest.raises(InvalidCallbackData):
        decode(f"1:z:{arg}")


@given(st.text(max_size=100))
@settings(max_examples=500)
def test_decode_accepts_only_what_encode_makes(data: str) -> None:
    try:
        parsed = decode(data)
    except InvalidCallbackData:
        return
    assert parsed.encode() == data


@given(st.binary(max_size=80))
def test_decode_survives_arbitrary_bytes(raw: bytes) -> None:
    text = raw.decode("utf-8", "replace")
    with contextlib.suppress(InvalidCallbackData):
        decode(text)


@pytest.mark.parametrize(
    "data",
    [
        "",
        "1",
        "1:d",
        "1:d:",
        "2:d:fluent-python",
        "0:n:",
        "1:zz:x",
        "1:d:Fluent-Python",
        "1:d:../../etc",
        "1:d:" + "a" * 33,
        "1:n:extra",
        "1:m:de",
        "1:x:maybe",
        "1:d:فارسی",
        "1:d:" + "x" * 70,
        "1:ne:0",
        "1:ne:07",
        "1:ne:-1",
        "1:nd:",
        "1:ny:1e3",
        "1:ne:" + "9" * 10,  # over PostgreSQL's integer
        "1:nl:-1",
        "1:nl:01",
        "1:nt:",
        "1:x:",
    ],
)
def test_forged_data_is_refused(data: str) -> None:
    with pytest.raises(InvalidCallbackData):
        decode(data)


def test_encode_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError):
        encode(Action.MATERIAL, "de")
    with pytest.raises(ValueError):
        encode(Action.DONE, "Not A Slug")


def test_pattern_routes_by_action() -> None:
    done_or_skip = pattern(Action.DONE, Action.SKIP)
    assert done_or_skip.match(encode(Action.DONE, "x"))
    assert not done_or_skip.match(encode(Action.SKIP_TOPIC, "x"))
    assert not done_or_skip.match("2:d:x")


@given(st.integers(min_value=1, max_value=10**9 - 1), st.integers(0, 9999))
def test_note_buttons_round_trip_ids_and_pages(note_id: int, page: int) -> None:
    for action in (Action.NOTE_EDIT, Action.NOTE_DELETE, Action.NOTE_DELETE_YES):
        data = encode(action, str(note_id))
        assert len(data.encode()) <= MAX_BYTES and decode(data) == CallbackData(
            action, str(note_id)
        )
    assert decode(encode(Action.NOTES, str(page))) == CallbackData(Action.NOTES, str(page))
    assert decode(encode(Action.NOTES)) == CallbackData(Action.NOTES, "")


@pytest.mark.parametrize("arg", ["yes", "keep", "all", "no"])
def test_reset_arguments(arg: str) -> None:
    assert decode(encode(Action.RESET, arg)).arg == arg


@given(st.integers(min_value=1, max_value=80))
def test_plan_hours_from_1_to_80_round_trip(hours: int) -> None:
    assert decode(encode(Action.PLAN_SET, str(hours))) == CallbackData(Action.PLAN_SET, str(hours))


@pytest.mark.parametrize("arg", ["0", "81", "05", "-1", "5h", ""])
def test_plan_hours_outside_1_to_80_are_refused(arg: str) -> None:
    with pytest.raises(InvalidCallbackData):
        decode(f"1:ps:{arg}")


@pytest.mark.parametrize("arg", ["", "type", "off"])
def test_plan_screen_arguments(arg: str) -> None:
    assert decode(encode(Action.PLAN, arg)) == CallbackData(Action.PLAN, arg)
