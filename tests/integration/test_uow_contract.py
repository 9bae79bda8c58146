"""The in-memory unit of work behaves like the SQL one, on SQLite and on PostgreSQL.

Each scenario runs on the fake (``tests.fakes.uow``) and then on ``SqlUnitOfWork``, with
the same assertions; afterwards the two databases must match row for row, columns the
repositories never read (``created_at``, ``last_sent_at``, ``sent_count``) included.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    CompileError,
    DBAPIError,
    IntegrityError,
    ResourceClosedError,
    StatementError,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import create_engine
from bot.db.migrate import upgrade_async
from bot.db.models import Base
from bot.db.rows import (
    Counts,
    DueRow,
    LearnerRow,
    MoveOn,
    NewLearner,
    ReminderRow,
    Retry,
    ReviewAsk,
    Schedule,
    SettingsRow,
    StoredLearner,
)
from bot.db.uow import units_of_work
from bot.services.uow import UnitOfWork, UnitsOfWork
from tests.fakes.uow import InMemoryStore, fake_units

T0 = datetime(2026, 1, 5, 9, tzinfo=UTC)  # a Monday
TEHRAN = timezone(timedelta(hours=3, minutes=30))
LEASE = timedelta(minutes=10)
CLAIM = T0 + LEASE  # the lease of a claim made at T0

Scenario = Callable[[UnitsOfWork], Awaitable[None]]
Write = Callable[[UnitOfWork], Awaitable[object]]
Dump = dict[str, list[dict[str, Any]]]


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


async def sql_dump(engine: AsyncEngine) -> Dump:
    """Every row of the bot's tables, as ``Tables.dump`` gives the fake's."""
    dump: Dump = {}
    async with engine.connect() as conn:
        for name, table in Base.metadata.tables.items():
            rows = [dict(row._mapping) for row in await conn.execute(select(table))]
            keys = [column.name for column in table.primary_key.columns]
            dump[name] = sorted(rows, key=lambda row: [row[key] for key in keys])
    return dump


@dataclass
class Contract:
    kind: str
    engine: AsyncEngine
    store: InMemoryStore

    @property
    def fake(self) -> UnitsOfWork:
        units: UnitsOfWork = fake_units(self.store)  # mypy: the fake is a UnitsOfWork
        return units

    @property
    def sql(self) -> UnitsOfWork:
        units: UnitsOfWork = units_of_work(self.engine)
        return units

    async def check(self, scenario: Scenario) -> None:
        """Run ``scenario`` on the fake and on SQL; then the databases must be equal."""
        for name, units in (("the fake", self.fake), (self.kind, self.sql)):
            try:
                await scenario(units)
            except AssertionError as error:
                error.add_note(f"(on {name})")
                raise
        assert self.store.dump() == await sql_dump(self.engine)


@pytest.fixture
async def contract(database_url: str) -> AsyncIterator[Contract]:
    """A fresh in-memory store, and an empty SQLite or PostgreSQL database."""
    await upgrade_async(database_url)
    engine = create_engine(database_url)
    try:
        yield Contract(make_url(database_url).get_backend_name(), engine, InMemoryStore())
    finally:
        await engine.dispose()


def new(learner_id: int, now: datetime = T0, name: str = "Ada") -> NewLearner:
    return NewLearner(learner_id, learner_id * 10, name, "en", "en", "en", now)


async def register(units: UnitsOfWork, *ids: int) -> None:
    async with units() as uow:
        for i in ids:
            assert await uow.learners.add(new(i))


async def due(units: UnitsOfWork, next_at: dict[int, datetime | None]) -> None:
    """Learners with an enabled reminder due at ``next_at``."""
    await register(units, *next_at)
    async with units() as uow:
        for i, when in next_at.items():
            await uow.reminders.add(i, weekday=0, hour=9, timezone="UTC")
            await uow.reminders.update(i, enabled=True, next_at=when)


async def leases(units: UnitsOfWork, *ids: int) -> dict[int, tuple[Any, ...]]:
    """``(next_at, claimed_until, sending_since)`` of these reminders."""
    async with units() as uow:
        rows = await uow.reminders.due_rows(ids)
    return {r.learner_id: (r.next_at, r.claimed_until, r.sending_since) for r in rows}


# -- learners -------------------------------------------------------------------------
async def test_registration_creates_once(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        async with units() as uow:
            assert await uow.learners.row(1) is None
            assert await uow.learners.add(NewLearner(1, 100, "Ada", "en", "en", "both", T0))
            assert not await uow.learners.add(NewLearner(1, 200, "Bob", "fa", "fa", "fa", at(1)))
        async with units() as uow:
            assert not await uow.learners.add(new(1, at(2), "Cy"))
            assert await uow.learners.row(1) == LearnerRow(
                1, 100, "Ada", "en", T0, None, None, None, SettingsRow("en", "both")
            )

    await contract.check(scenario)


async def test_registration_fits_telegram_text_to_the_columns(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        async with units() as uow:
            name, code = "A\x00" + "é" * 200, "x" * 20
            await uow.learners.add(NewLearner(1, 10, name, code, "fa", "fa", T0))
            row = await uow.learners.row(1)
            assert row is not None
            assert (row.first_name, row.language_code) == ("A" + "é" * 127, "x" * 16)

    await contract.check(scenario)


async def test_update_and_update_settings(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1, 2)
        async with units() as uow:
            noon_in_tehran = datetime(2026, 1, 6, 12, 30, tzinfo=TEHRAN)
            await uow.learners.update(1, last_seen_at=noon_in_tehran, onboarded_at=at(1))
            await uow.learners.update(1, first_name="Ava")
            await uow.learners.update_settings(1, framework="django", awaiting="timezone")
            await uow.learners.update_settings(1, material_language="fa")
            await uow.learners.update(99, onboarded_at=at(1))  # nobody: nothing happens
            await uow.learners.update_settings(99, framework="django")
        async with units() as uow:
            settings = SettingsRow("en", "fa", "django", None, None, "timezone")
            assert await uow.learners.row(1) == LearnerRow(
                1, 10, "Ava", "en", datetime(2026, 1, 6, 9, tzinfo=UTC), at(1), None, None, settings
            )
            assert await uow.learners.row(2) == LearnerRow(
                2, 20, "Ada", "en", T0, None, None, None, SettingsRow("en", "en")
            )

    await contract.check(scenario)


async def test_delete_cascades(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1, 2)
        async with units() as uow:
            for i in (1, 2):
                await uow.progress.mark(i, ["r1", "r2"], "done", T0)
                await uow.topics.add(i, "web", T0)
                await uow.reminders.add(i, weekday=1, hour=8, timezone="Asia/Tehran")
                await uow.notes.add(i, "r1", f"note of {i}", T0)
        async with units() as uow:
            assert await uow.learners.delete(1)
            assert not await uow.learners.delete(1)
            assert not await uow.learners.delete(99)
        async with units() as uow:
            assert await uow.learners.row(1) is None
            assert await uow.progress.position(1) == ({}, frozenset())
            assert await uow.progress.timestamps(1) == []
            assert await uow.reminders.get(1) is None
            assert await uow.notes.of_learner(1) == []
            assert [n.text for n in await uow.notes.of_learner(2)] == ["note of 2"]
            assert await uow.progress.position(2) == (
                {"r1": "done", "r2": "done"},
                frozenset({"web"}),
            )
            assert await uow.reminders.get(2) == ReminderRow(2, False, 1, 8, "Asia/Tehran", None)
            assert [s.id for s in await uow.stats.learners_after(None, 10)] == [2]

    await contract.check(scenario)


async def test_refused_writes_raise_and_write_nothing(contract: Contract) -> None:
    async def refused(units: UnitsOfWork, error: type[Exception], write: Write) -> None:
        with pytest.raises(error) as raised:
            async with units() as uow:
                await write(uow)
        if error is StatementError:  # a naive datetime
            assert isinstance(raised.value, StatementError)
            assert isinstance(raised.value.orig, ValueError)

    async def scenario(units: UnitsOfWork) -> None:
        await due(units, {1: at(1)})
        naive = datetime(2026, 1, 5, 9)
        writes: list[tuple[type[Exception], Write]] = [
            (CompileError, lambda uow: uow.learners.update(1, nickname="A")),
            (DBAPIError, lambda uow: uow.learners.update(1)),  # no values: a syntax error
            (IntegrityError, lambda uow: uow.learners.update_settings(1, ui_language="de")),
            (IntegrityError, lambda uow: uow.learners.update_settings(1, material_language=None)),
            (IntegrityError, lambda uow: uow.learners.add(NewLearner(2, 2, "", "", "", "", T0))),
            (IntegrityError, lambda uow: uow.progress.mark(1, ["r"], "begun", T0)),
            (IntegrityError, lambda uow: uow.progress.mark(99, ["r"], "done", T0)),
            (IntegrityError, lambda uow: uow.topics.add(99, "web", T0)),
            (IntegrityError, lambda uow: uow.notes.add(99, "r", "text", T0)),
            (StatementError, lambda uow: uow.notes.add(1, "r", "text", naive)),
            (IntegrityError, lambda uow: uow.reminders.add(99, weekday=0, hour=9, timezone="UTC")),
            (IntegrityError, lambda uow: uow.reminders.add(1, weekday=7, hour=9, timezone="UTC")),
            (IntegrityError, lambda uow: uow.reminders.update(1, hour=24)),
            (StatementError, lambda uow: uow.learners.update(1, last_seen_at=naive)),
            (StatementError, lambda uow: uow.reminders.claim_due(naive, 10, LEASE)),
            (StatementError, lambda uow: uow.progress.mark(1, ["r"], "done", naive)),
        ]
        for error, write in writes:
            await refused(units, error, write)
        async with units() as uow:
            assert await uow.learners.row(2) is None
            assert await uow.progress.position(1) == ({}, frozenset())
            assert await uow.reminders.get(1) == ReminderRow(1, True, 0, 9, "UTC", at(1))

    await contract.check(scenario)


async def test_the_fake_refuses_what_postgresql_refuses(contract: Contract) -> None:
    """Over-long strings, wrong types, a negative limit: SQLite takes them, PostgreSQL
    and the fake do not."""
    writes: list[Write] = [
        lambda uow: uow.progress.mark(1, ["r" * 33], "done", T0),
        lambda uow: uow.reminders.update(1, hour="9"),
        lambda uow: uow.reminders.claim_due(T0, -1, LEASE),
        lambda uow: uow.notes.add(1, "r" * 33, "text", T0),
    ]
    for units, strict in ((contract.fake, True), (contract.sql, contract.kind == "postgresql")):
        await due(units, {1: at(1)})
        for write in writes:
            try:
                async with units() as uow:
                    await write(uow)
            except DBAPIError:
                assert strict
            else:
                assert not strict


# -- notes ----------------------------------------------------------------------------
async def test_notes_add_read_update_delete_clear(contract: Contract) -> None:
    long = "ن" * 4096 + "\n<b>&</b>"  # Telegram's longest text, and HTML kept as text

    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1, 2)
        async with units() as uow:
            first = await uow.notes.add(1, "clrs", "first", T0)
            second = await uow.notes.add(1, "clrs", long, at(1))
            theirs = await uow.notes.add(2, "clrs", "theirs", T0)
            assert len({first, second, theirs}) == 3
        async with units() as uow:
            assert [n.text for n in await uow.notes.of_learner(1)] == ["first", long]
            assert await uow.notes.count(1) == 2
            note = await uow.notes.get(1, second)
            assert note is not None and (note.resource_id, note.created_at) == ("clrs", at(1))
            assert await uow.notes.get(1, theirs) is None  # another learner's
            assert await uow.notes.update_text(1, first, "first, edited", at(2))
            assert not await uow.notes.update_text(1, theirs, "mine now", at(2))
            assert not await uow.notes.delete(1, theirs)
        async with units() as uow:
            edited = await uow.notes.get(1, first)
            assert edited is not None and edited.text == "first, edited"
            assert (edited.created_at, edited.updated_at) == (T0, at(2))
            assert await uow.notes.delete(1, first)
            assert not await uow.notes.delete(1, first)
            assert await uow.notes.clear(1) == 1
            assert await uow.notes.clear(1) == 0
            assert [n.text for n in await uow.notes.of_learner(2)] == ["theirs"]

    await contract.check(scenario)


async def test_reviews_ask_answer_clear_count_and_cascade(contract: Contract) -> None:
    week_ago, month_ago = T0 - timedelta(days=7), T0 - timedelta(days=30)

    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1, 2)
        async with units() as uow:
            await uow.reviews.ask([ReviewAsk(1, "git", 1), ReviewAsk(2, "git", 1)], T0)
            await uow.progress.mark(1, ["r1"], "done", at(-2))
            await uow.progress.mark(1, ["r2"], "skipped", at(-1))
        async with units() as uow:
            await uow.reviews.ask([ReviewAsk(1, "git", 1), ReviewAsk(1, "sql", 3)], at(1))
            assert await uow.reviews.settled([1, 2, 3]) == {1: {}, 2: {}, 3: {}}
            assert await uow.reviews.answer(1, "git", 1, "yes", at(2))
            assert await uow.reviews.answer(2, "git", 1, "open", at(2))
            assert not await uow.reviews.answer(1, "git", 2, "yes", at(2))  # never asked
            assert await uow.progress.updated([1, 2]) == {1: {"r1": at(-2), "r2": at(-1)}, 2: {}}
            await uow.learners.update_settings(2, review=False)
        async with units() as uow:
            assert await uow.reviews.settled([1, 2]) == {1: {"git": {1}}, 2: {"git": {1}}}
            counts = await uow.stats.counts(week_ago, month_ago)
            # Went out: the two answered; "sql" stage 3 is unanswered, and no nudge was sent.
            assert (counts.reviews_asked, counts.reviews_yes, counts.reviews_opened) == (2, 1, 1)
            assert counts.review_off == 1
            assert await uow.learners.delete(2)
        async with units() as uow:
            assert await uow.reviews.settled([2]) == {2: {}}
            # Unanswered "sql" stage 3 (asked at 1h): settled once a nudge went out after it.
            await uow.reminders.add(1, weekday=0, hour=9, timezone="UTC")
            await uow.reminders.move_on([MoveOn(1, at(100), sent=True)], at(0.5))
            assert await uow.reviews.settled([1]) == {1: {"git": {1}}}  # sent before it
            await uow.reminders.move_on([MoveOn(1, at(100), sent=False)], at(3))
            assert await uow.reviews.settled([1]) == {1: {"git": {1}}}  # that nudge failed
            await uow.reminders.move_on([MoveOn(1, at(100), sent=True)], at(1))
            assert await uow.reviews.settled([1]) == {1: {"git": {1}, "sql": {3}}}
            counts = await uow.stats.counts(week_ago, month_ago)
            assert counts.reviews_asked == 2  # learner 2 is gone; 1: "git" answered, "sql" sent
            assert await uow.reviews.clear(1) == 2
            assert await uow.reviews.clear(1) == 0

    await contract.check(scenario)


# -- progress and topics --------------------------------------------------------------
async def test_mark_upserts_and_positions_read_it(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1, 2)
        async with units() as uow:
            await uow.progress.mark(1, ["a", "b"], "done", T0)
            await uow.progress.mark(1, (r for r in ["b", "c"]), "skipped", at(1))  # overwrites b
            await uow.progress.mark(1, [], "done", at(2))
            await uow.progress.mark(1, ["d", "d"], "done", at(3))
            await uow.progress.mark(2, ["a"], "skipped", at(4))
            await uow.topics.add(1, "web", T0)
            mine = {"a": "done", "b": "skipped", "c": "skipped", "d": "done"}
            assert await uow.progress.position(1) == (mine, frozenset({"web"}))
        async with units() as uow:
            assert await uow.progress.position(1) == (mine, frozenset({"web"}))
            assert sorted(await uow.progress.timestamps(1)) == [T0, at(1), at(1), at(3)]
            assert await uow.progress.positions({1, 2, 3}) == {
                1: (mine, frozenset({"web"})),
                2: ({"a": "skipped"}, frozenset()),
                3: ({}, frozenset()),
            }
            assert await uow.progress.positions([2, 2]) == {2: ({"a": "skipped"}, frozenset())}
            assert await uow.progress.positions([]) == {}
            assert await uow.progress.position(3) == ({}, frozenset())
            assert await uow.progress.timestamps(3) == []

    await contract.check(scenario)


async def test_clear_progress_and_topics(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1, 2)
        async with units() as uow:
            for i in (1, 2):
                await uow.progress.mark(i, ["a"], "done", T0)
                await uow.topics.add(i, "web", T0)
        async with units() as uow:
            await uow.progress.clear(1)
            assert await uow.progress.position(1) == ({}, frozenset({"web"}))
            await uow.topics.clear(1)
            await uow.progress.clear(99)
            await uow.topics.clear(99)
        async with units() as uow:
            assert await uow.progress.position(1) == ({}, frozenset())
            assert await uow.progress.position(2) == ({"a": "done"}, frozenset({"web"}))

    await contract.check(scenario)


async def test_unmark_forgets_only_the_named_statuses(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1, 2)
        async with units() as uow:
            await uow.progress.mark(1, ["a", "b", "c"], "started", T0)
            await uow.progress.mark(2, ["a"], "done", T0)
        async with units() as uow:
            await uow.progress.unmark(1, ["a", "c", "missing"])
            await uow.progress.unmark(1, [])
        async with units() as uow:
            assert await uow.progress.position(1) == ({"b": "started"}, frozenset())
            assert await uow.progress.position(2) == ({"a": "done"}, frozenset())

    await contract.check(scenario)


async def test_topic_add_is_idempotent(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1)
        async with units() as uow:
            await uow.topics.add(1, "web", T0)
            await uow.topics.add(1, "web", at(1))
        async with units() as uow:
            await uow.topics.add(1, "web", at(2))
            await uow.topics.add(1, "db", at(2))
            assert await uow.progress.position(1) == ({}, frozenset({"web", "db"}))

    await contract.check(scenario)
    assert contract.store.topic_languages[1, "web"].created_at == T0  # the first add's


# -- reminders: settings ----------------------------------------------------------------
async def test_reminder_get_add_update(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1)
        async with units() as uow:
            assert await uow.reminders.get(1) is None
            await uow.reminders.add(1, weekday=4, hour=18, timezone="Asia/Tehran")
            await uow.reminders.add(1, weekday=0, hour=9, timezone="UTC")  # has one: kept
            assert await uow.reminders.get(1) == ReminderRow(1, False, 4, 18, "Asia/Tehran", None)
        async with units() as uow:
            await uow.reminders.update(1, enabled=True, weekday=2, next_at=at(2).astimezone(TEHRAN))
            await uow.reminders.update(99, enabled=True)
        async with units() as uow:
            assert await uow.reminders.get(1) == ReminderRow(1, True, 2, 18, "Asia/Tehran", at(2))

    await contract.check(scenario)


async def test_due_rows_and_schedules(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await due(units, {1: at(-1), 2: None})
        await register(units, 3)  # no reminder
        async with units() as uow:
            await uow.reminders.update(1, weekday=1, hour=8, timezone="Europe/Berlin")
            await uow.learners.update(1, onboarded_at=at(-48), last_studied_at=at(-24))
            await uow.learners.update(2, blocked_at=at(-2))
            await uow.learners.update_settings(1, framework="fastapi", elective="docker")
            assert await uow.reminders.claim_due(T0, 10, LEASE) == [1]
        async with units() as uow:
            rows = await uow.reminders.due_rows([1, 2, 3, 99])
            assert sorted(rows, key=lambda row: row.learner_id) == [
                DueRow(
                    *(1, True, at(-1), CLAIM, None, 1, 8, "Europe/Berlin"),
                    *(10, "Ada", at(-48), None, at(-24)),
                    settings=SettingsRow("en", "en", "fastapi", None, "docker"),
                ),
                DueRow(
                    *(2, True, None, None, None, 0, 9, "UTC"),
                    *(20, "Ada", None, at(-2), None),
                    settings=SettingsRow("en", "en"),
                ),
            ]
            assert await uow.reminders.due_rows([]) == []
            assert await uow.reminders.schedules([1, 2, 3]) == {
                1: Schedule(1, True, 1, 8, "Europe/Berlin"),
                2: Schedule(2, True, 0, 9, "UTC"),
            }
            assert await uow.reminders.schedules([]) == {}

    await contract.check(scenario)


# -- reminders: the dispatcher's bookkeeping ------------------------------------------
async def test_count_due_counts_due_reminders_leased_or_not(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        async with units() as uow:
            assert await uow.reminders.count_due(T0) == 0
        await due(units, {1: at(-3), 2: at(-1), 3: T0, 4: at(1), 5: None})
        async with units() as uow:
            assert await uow.reminders.count_due(T0) == 3  # due at T0 included
            assert await uow.reminders.claim_due(T0, 2, LEASE) == [1, 2]
            assert await uow.reminders.count_due(T0) == 3  # claimed: due still, not yet sent
            assert await uow.reminders.count_due(at(2)) == 4

    await contract.check(scenario)


async def test_claim_due_oldest_first_up_to_limit_until_the_lease_ends(
    contract: Contract,
) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await due(units, {1: at(-3), 2: at(-1), 3: at(-2), 4: at(1), 5: None, 6: T0})
        async with units() as uow:
            assert await uow.reminders.claim_due(T0, 2, LEASE) == [1, 3]
            assert await uow.reminders.claim_due(T0, 0, LEASE) == []
        async with units() as uow:
            assert await uow.reminders.claim_due(T0, 10, LEASE) == [2, 6]  # due at T0 included
            assert await uow.reminders.claim_due(T0 + LEASE / 2, 10, LEASE) == []  # all leased
        assert await leases(units, 1, 2, 3, 4, 5, 6) == {
            **{i: (when, CLAIM, None) for i, when in [(1, at(-3)), (2, at(-1)), (3, at(-2))]},
            **{4: (at(1), None, None), 5: (None, None, None), 6: (T0, CLAIM, None)},
        }
        async with units() as uow:  # the leases end at CLAIM: anyone may claim again
            assert await uow.reminders.claim_due(CLAIM, 3, LEASE) == [1, 3, 2]
        assert (await leases(units, 1))[1] == (at(-3), CLAIM + LEASE, None)

    await contract.check(scenario)


async def test_mark_sending_only_under_our_claim_and_not_blocked(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await due(units, {1: at(-4), 2: at(-3), 3: at(-2), 4: at(-1)})
        async with units() as uow:
            assert await uow.reminders.claim_due(T0, 10, LEASE) == [1, 2, 3, 4]
            await uow.reminders.update(2, claimed_until=None)  # released by a settings change
            await uow.reminders.update(3, claimed_until=CLAIM + LEASE)  # someone else's
            await uow.learners.update(4, blocked_at=at(-0.5))
        async with units() as uow:
            assert await uow.reminders.mark_sending([1, 2, 3, 4, 99], CLAIM, at(0.1)) == {1}
            assert await uow.reminders.mark_sending([1], CLAIM + LEASE, at(0.2)) == set()
            assert await uow.reminders.mark_sending([], CLAIM, at(0.2)) == set()
            assert await uow.reminders.mark_sending([3], CLAIM.astimezone(TEHRAN), at(0.2)) == set()
        assert {i: s for i, (_, _, s) in (await leases(units, 1, 2, 3, 4)).items()} == {
            1: at(0.1),
            2: None,
            3: None,
            4: None,
        }

    await contract.check(scenario)


async def test_release_with_and_without_a_claim(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await due(units, {1: at(-3), 2: at(-2), 3: at(-1)})
        async with units() as uow:
            assert await uow.reminders.claim_due(T0, 10, LEASE) == [1, 2, 3]
            await uow.reminders.update(3, claimed_until=at(5))
        async with units() as uow:
            await uow.reminders.release([1, 3, 99], CLAIM.astimezone(TEHRAN))  # 3 is not ours
            await uow.reminders.release([], CLAIM)
        assert {i: c for i, (_, c, _) in (await leases(units, 1, 2, 3)).items()} == {
            1: None,
            2: CLAIM,
            3: at(5),
        }
        async with units() as uow:
            await uow.reminders.release([2, 3])
        assert {i: c for i, (_, c, _) in (await leases(units, 1, 2, 3)).items()} == {
            1: None,
            2: None,
            3: None,
        }

    await contract.check(scenario)


async def test_renew_moves_only_rows_that_still_carry_the_claim(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await due(units, {1: at(-3), 2: at(-2), 3: at(-1)})
        async with units() as uow:
            assert await uow.reminders.claim_due(T0, 10, LEASE) == [1, 2, 3]
            await uow.reminders.update(3, claimed_until=at(5))  # someone else's now
        async with units() as uow:
            renewed = await uow.reminders.renew([1, 3, 99], CLAIM.astimezone(TEHRAN), at(2))
            assert renewed == {1}
            assert await uow.reminders.renew([], CLAIM, at(2)) == set()
        assert {i: c for i, (_, c, _) in (await leases(units, 1, 2, 3)).items()} == {
            1: at(2),
            2: CLAIM,
            3: at(5),
        }

    await contract.check(scenario)


async def test_stop_and_block(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await due(units, {1: at(-3), 2: at(-2), 3: at(-1)})
        async with units() as uow:
            await uow.reminders.claim_due(T0, 10, LEASE)
            assert await uow.reminders.mark_sending([1, 2, 3], CLAIM, T0) == {1, 2, 3}
        async with units() as uow:
            await uow.reminders.stop([1, 99])
            await uow.reminders.stop([])
            await uow.reminders.block([2, 98], at(1))
            await uow.reminders.block([], at(2))
        assert await leases(units, 1, 2, 3) == {
            1: (None, None, None),
            2: (None, None, None),
            3: (at(-1), CLAIM, T0),
        }
        async with units() as uow:
            assert await uow.reminders.get(1) == ReminderRow(1, True, 0, 9, "UTC", None)
            rows = [await uow.learners.row(i) for i in (1, 2, 3)]
            assert [row.blocked_at if row else "missing" for row in rows] == [None, at(1), None]

    await contract.check(scenario)


async def test_move_on_sent_and_not_sent(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await due(units, {1: at(-3), 2: at(-2), 3: at(-1)})
        async with units() as uow:
            await uow.reminders.claim_due(T0, 10, LEASE)
            await uow.reminders.mark_sending([1, 2, 3], CLAIM, T0)
        async with units() as uow:
            moves = [MoveOn(1, at(168), True), MoveOn(2, at(169), False), MoveOn(99, T0, True)]
            await uow.reminders.move_on(moves, at(0.5))
            await uow.reminders.move_on([], at(0.5))
        assert await leases(units, 1, 2, 3) == {
            1: (at(168), None, None),
            2: (at(169), None, None),
            3: (at(-1), CLAIM, T0),
        }
        async with units() as uow:
            await uow.reminders.move_on([MoveOn(1, None, True), MoveOn(3, at(170), True)], at(1))
        assert (await leases(units, 1))[1] == (None, None, None)

    await contract.check(scenario)
    sent = {i: (r.last_sent_at, r.sent_count) for i, r in contract.store.reminders.items()}
    assert sent == {1: (at(1), 2), 2: (None, 0), 3: (at(1), 1)}  # and SQL has the same


async def test_retry_certain_and_uncertain(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await due(units, {1: at(-2), 2: at(-1)})
        async with units() as uow:
            await uow.reminders.claim_due(T0, 10, LEASE)
            await uow.reminders.mark_sending([1, 2], CLAIM, T0)
        async with units() as uow:
            await uow.reminders.retry(
                [
                    Retry(1, at(1), uncertain=True),
                    Retry(2, at(2), uncertain=False),
                    Retry(99, at(1), uncertain=False),
                ]
            )
            await uow.reminders.retry([])
        assert await leases(units, 1, 2) == {1: (at(-2), at(1), T0), 2: (at(-1), at(2), None)}
        async with units() as uow:
            assert await uow.reminders.claim_due(at(1.5), 10, LEASE) == [1]

    await contract.check(scenario)


# -- stats ---------------------------------------------------------------------------
async def test_counts(contract: Contract) -> None:
    week_ago, month_ago = T0 - timedelta(days=7), T0 - timedelta(days=30)

    async def scenario(units: UnitsOfWork) -> None:
        async with units() as uow:
            assert await uow.stats.counts(week_ago, month_ago) == Counts(0, 0, 0, 0, 0)
        await due(units, {1: T0, 2: T0, 3: T0, 4: T0, 5: T0})
        async with units() as uow:  # the bounds are inclusive
            seen = [T0, week_ago, T0 - timedelta(days=10), month_ago, T0 - timedelta(days=40)]
            for i, when in enumerate(seen, 1):
                await uow.learners.update(i, last_seen_at=when)
            await uow.learners.update(1, blocked_at=at(-24))
            await uow.learners.update(3, blocked_at=week_ago)
            await uow.learners.update(4, blocked_at=week_ago - timedelta(microseconds=1))
            await uow.reminders.move_on([MoveOn(1, at(168), True)], at(-1))
            await uow.reminders.move_on([MoveOn(2, at(168), True)], week_ago - timedelta(days=1))
            await uow.reminders.move_on([MoveOn(3, at(168), True)], week_ago)
            await uow.reminders.move_on([MoveOn(4, at(168), False)], T0)
        async with units() as uow:
            assert await uow.stats.counts(week_ago, month_ago) == Counts(5, 2, 4, 2, 2)

    await contract.check(scenario)


async def test_learners_after_pages_by_id(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 10, 3, 7, 1, 5)
        async with units() as uow:
            await uow.learners.update(3, onboarded_at=T0)
            await uow.learners.update_settings(7, material_language="both", framework="django")
            await uow.learners.update_settings(7, start_at="basics", elective="docker")
            await uow.progress.mark(3, ["a", "b"], "done", T0)
            await uow.progress.mark(3, ["c"], "skipped", T0)
            await uow.topics.add(3, "web", T0)
            await uow.progress.mark(10, ["a"], "skipped", T0)
        async with units() as uow:
            pages = [await uow.stats.learners_after(after, 2) for after in (None, 3, 7, 10)]
            assert [[s.id for s in page] for page in pages] == [[1, 3], [5, 7], [10], []]
            statuses = {"a": "done", "b": "done", "c": "skipped"}
            assert pages[0] == [
                StoredLearner(1, False, "en", None, None, None, {}, frozenset()),
                StoredLearner(3, True, "en", None, None, None, statuses, frozenset({"web"})),
            ]
            assert pages[1][1] == StoredLearner(
                7, False, "both", "django", "basics", "docker", {}, frozenset()
            )
            assert pages[2][0].statuses == {"a": "skipped"}
            assert await uow.stats.learners_after(None, 0) == []
            assert [s.id for s in await uow.stats.learners_after(4, 100)] == [5, 7, 10]

    await contract.check(scenario)


# -- the unit of work -------------------------------------------------------------------
async def test_an_exception_rolls_everything_back(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await due(units, {1: at(-1)})
        with pytest.raises(RuntimeError, match="boom"):
            async with units() as uow:
                assert await uow.learners.add(new(2))
                await uow.learners.update(1, first_name="Ava", onboarded_at=T0)
                await uow.learners.update_settings(1, framework="django")
                await uow.progress.mark(1, ["a"], "done", T0)
                await uow.topics.add(1, "web", T0)
                assert await uow.reminders.claim_due(T0, 10, LEASE) == [1]
                await uow.reminders.block([1], T0)
                assert await uow.learners.delete(2)
                assert await uow.learners.row(1) is not None  # its own writes, seen
                raise RuntimeError("boom")
        async with units() as uow:
            assert await uow.learners.row(2) is None
            assert await uow.learners.row(1) == LearnerRow(
                1, 10, "Ada", "en", T0, None, None, None, SettingsRow("en", "en")
            )
            assert await uow.progress.position(1) == ({}, frozenset())
        assert await leases(units, 1) == {1: (at(-1), None, None)}

    await contract.check(scenario)


async def test_a_refused_statement_rolls_back_the_earlier_ones(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1)
        with pytest.raises(IntegrityError):
            async with units() as uow:
                await uow.learners.update(1, first_name="Ava")
                await uow.progress.mark(1, ["a"], "done", T0)
                await uow.progress.mark(1, ["b"], "begun", T0)
        async with units() as uow:
            row = await uow.learners.row(1)
            assert row is not None and row.first_name == "Ada"
            assert await uow.progress.position(1) == ({}, frozenset())

    await contract.check(scenario)


async def test_repositories_live_inside_async_with_only(contract: Contract) -> None:
    async def scenario(units: UnitsOfWork) -> None:
        await register(units, 1)
        uow = units()
        with pytest.raises(AttributeError):
            uow.learners  # noqa: B018
        async with uow:
            learners = uow.learners
            assert await learners.row(1) is not None
        with pytest.raises(ResourceClosedError):
            await learners.row(1)
        async with uow:  # a unit of work may be entered again: a new transaction
            assert await uow.learners.row(1) is not None

    await contract.check(scenario)
