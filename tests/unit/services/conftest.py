"""The services over the in-memory unit of work, with a clock that moves only when told.

Each test gets an empty ``InMemoryStore`` and the small roadmap of
``tests/unit/roadmaps/valid.yaml``. For an English learner its path is:
grokking-algorithms, leetcode (Basics / Algorithms), a language gap at python-beginner
(Persian only), the framework choice (django or flask, plus the shared all-frameworks),
then the hands-on elective git.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from bot.db.rows import LearnerRow, ReminderRow
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.loader import load_roadmap
from bot.roadmap.models import Roadmap
from bot.services.admin import AdminService
from bot.services.learning import LearningService
from bot.services.nudges import NudgeService
from bot.services.onboarding import OnboardingService
from bot.services.privacy import PrivacyService
from bot.services.reminders import ReminderService
from bot.services.who import Who
from tests.fakes.uow import InMemoryStore, fake_units

T = TypeVar("T")

ROADMAP_FILE = Path(__file__).parents[1] / "roadmaps" / "valid.yaml"
#: A Monday, noon UTC: an English learner's default reminder (Monday 18:00 UTC) is today.
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

ANA = Who(user_id=1001, chat_id=1001, first_name="Ana", language_code="en")
REZA = Who(user_id=1002, chat_id=1002, first_name="Reza", language_code="fa-IR")


class FixedClock:
    """The services' clock: ``NOW`` until a test moves it."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass(frozen=True)
class Stored:
    """A learner as a fresh unit of work reads them back from the store."""

    learner: LearnerRow | None
    reminder: ReminderRow | None
    statuses: dict[str, str]
    topics: frozenset[str]


async def stored(store: InMemoryStore, learner_id: int) -> Stored:
    """Read everything about one learner in a unit of work of its own."""
    async with fake_units(store)() as uow:
        statuses, topics = await uow.progress.position(learner_id)
        return Stored(
            await uow.learners.row(learner_id),
            await uow.reminders.get(learner_id),
            statuses,
            topics,
        )


async def commits(store: InMemoryStore, call: Awaitable[T]) -> tuple[T, int]:
    """Run ``call``; its result and how many units of work it committed (none rolled back)."""
    before = (store.committed, store.rolled_back)
    result = await call
    assert store.rolled_back == before[1], "a unit of work was rolled back"
    return result, store.committed - before[0]


@pytest.fixture(scope="session")
def small_roadmap() -> Roadmap:
    return load_roadmap(ROADMAP_FILE)


@pytest.fixture
def store() -> InMemoryStore:
    return InMemoryStore()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def holder(small_roadmap: Roadmap) -> RoadmapHolder:
    return RoadmapHolder(small_roadmap)


@pytest.fixture
def learning(store: InMemoryStore, holder: RoadmapHolder, clock: FixedClock) -> LearningService:
    return LearningService(fake_units(store), holder, clock)


@pytest.fixture
def reminders(store: InMemoryStore, clock: FixedClock) -> ReminderService:
    return ReminderService(fake_units(store), clock)


@pytest.fixture
def onboarding(
    store: InMemoryStore, learning: LearningService, reminders: ReminderService
) -> OnboardingService:
    return OnboardingService(fake_units(store), learning, reminders)


@pytest.fixture
def privacy(store: InMemoryStore, clock: FixedClock) -> PrivacyService:
    return PrivacyService(fake_units(store), clock)


@pytest.fixture
def nudges(store: InMemoryStore, holder: RoadmapHolder, clock: FixedClock) -> NudgeService:
    return NudgeService(fake_units(store), holder, clock, quiet_days=3, lease=timedelta(minutes=5))


@pytest.fixture
def admin_file(tmp_path: Path, small_roadmap: Roadmap) -> Path:
    """A copy of the small roadmap that a test may break and reload."""
    copy = tmp_path / "roadmap.yaml"
    copy.write_text(ROADMAP_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


@pytest.fixture
def admin(store: InMemoryStore, admin_file: Path, clock: FixedClock) -> AdminService:
    holder = RoadmapHolder(load_roadmap(admin_file), admin_file)
    return AdminService(fake_units(store), holder, clock, batch_size=2)
