"""The dispatcher's two bounds: the window of marked nudges, and requests on the wire."""

from __future__ import annotations

import asyncio

import pytest

from bot.runtime.inflight import MIN_WIRE, WIRE_HEADROOM, WIRE_SAMPLES, Window, WireLimit


def test_the_wire_limit_starts_low_until_the_round_trip_is_known() -> None:
    wire = WireLimit(1000, most=250)
    assert wire.limit == MIN_WIRE
    for _ in range(WIRE_SAMPLES - 1):
        wire.observe(0.030)
    assert wire.limit == MIN_WIRE
    wire.observe(0.040)
    assert wire.limit == round(1000 * 0.030 * WIRE_HEADROOM)  # the least round trip counts


def test_a_slower_request_later_does_not_raise_the_limit() -> None:
    """Our own congestion makes requests slower; that must not ask for more of them."""
    wire = WireLimit(1000, most=250)
    for _ in range(WIRE_SAMPLES):
        wire.observe(0.002)
    assert wire.limit == MIN_WIRE
    for _ in range(10 * WIRE_SAMPLES):
        wire.observe(0.5)
    assert wire.limit == MIN_WIRE


@pytest.mark.parametrize(("round_trip", "limit"), [(0.0001, MIN_WIRE), (10.0, 250)])
def test_the_wire_limit_stays_within_its_bounds(round_trip: float, limit: int) -> None:
    wire = WireLimit(1000, most=250)
    for _ in range(WIRE_SAMPLES):
        wire.observe(round_trip)
    assert wire.limit == limit


def test_a_new_run_starts_low_again() -> None:
    wire = WireLimit(1000, most=250)
    for _ in range(WIRE_SAMPLES):
        wire.observe(0.05)
    assert wire.limit == 100
    wire.restart()
    assert wire.limit == MIN_WIRE


async def test_requests_beyond_the_limit_wait_for_one_to_come_back() -> None:
    wire = WireLimit(1000, most=250)
    for _ in range(MIN_WIRE):
        await wire.acquire()
    late = asyncio.create_task(wire.acquire())
    await asyncio.sleep(0)
    assert not late.done() and wire.active == MIN_WIRE
    wire.release()
    await late
    assert wire.active == MIN_WIRE


async def test_a_higher_limit_lets_waiting_requests_go_at_once() -> None:
    wire = WireLimit(1000, most=250)
    for _ in range(MIN_WIRE):
        await wire.acquire()
    waiting = [asyncio.create_task(wire.acquire()) for _ in range(3)]
    await asyncio.sleep(0)
    for _ in range(WIRE_SAMPLES):
        wire.observe(0.01)  # 20 may be on the wire now
    await asyncio.gather(*waiting)
    assert wire.active == MIN_WIRE + 3


async def test_a_cancelled_waiter_gives_its_place_back() -> None:
    wire = WireLimit(1000, most=250)
    for _ in range(MIN_WIRE):
        await wire.acquire()
    waiter = asyncio.create_task(wire.acquire())
    await asyncio.sleep(0)
    wire.release()  # the place goes to the waiter...
    waiter.cancel()  # ...which is cancelled before it runs
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert wire.active == MIN_WIRE - 1


async def test_the_window_hands_out_what_is_free_and_waits_when_nothing_is() -> None:
    window = Window(8)
    assert await window.take(5) == 5
    assert await window.take(5) == 3
    blocked = asyncio.create_task(window.take(5))
    await asyncio.sleep(0)
    assert not blocked.done()
    window.give(2)
    assert await blocked == 2
    assert window.free == 0
