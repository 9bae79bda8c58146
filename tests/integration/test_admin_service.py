"""Admin statistics on a real database: every learner placed, in batches; the reload."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.db.engine import create_engine
from bot.db.migrate import upgrade_async
from bot.db.uow import units_of_work
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.loader import default_roadmap_path, load_roadmap
from bot.roadmap.models import Roadmap
from bot.services.admin import AdminService, Reloaded, ReloadFailed
from bot.services.learning import LearningService
from bot.services.path import Status
from bot.services.who import Who

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def services(
    database_url: str, tmp_path: Path
) -> AsyncIterator[tuple[LearningService, AdminService, Clock]]:
    await upgrade_async(database_url)
    engine = create_engine(database_url)
    copy = tmp_path / "roadmap.yaml"
    copy.write_text(default_roadmap_path().read_text(encoding="utf-8"), encoding="utf-8")
    holder = RoadmapHolder(load_roadmap(copy), copy)
    clock = Clock()
    yield (
        LearningService(units_of_work(engine), holder, clock),
        AdminService(units_of_work(engine), holder, clock, batch_size=3),
        clock,
    )
    await engine.dispose()


async def test_every_learner_is_counted_once_across_batches(
    services: tuple[LearningService, AdminService, Clock], roadmap: Roadmap
) -> None:
    learning, admin, clock = services
    for n in range(10):
        who = Who(user_id=5000 + n, chat_id=5000 + n)
        clock.now = NOW - timedelta(days=3 * n)  # seen 0, 3, 6, ... 27 days ago
        await learning.open(who)
        if n % 2:  # odd learners start at Step 1; even ones never finish the questions
            await learning.set_start(who, "python")
    clock.now = NOW
    done = Who(5001, 5001)  # chooses Django and resolves everything there is
    await learning.choose_framework(done, "django")
    for resource in roadmap.resources():
        await learning.resolve(done, resource.id, Status.SKIPPED)

    stats = await admin.stats()
    places = {step.id: count for step, count in stats.per_step}
    assert (stats.learners, stats.onboarding) == (10, 5)
    assert places["python"] == 4 and stats.finished == 1
    assert sum(places.values()) + stats.finished + stats.onboarding == stats.learners
    assert (stats.active_week, stats.active_month) == (3, 10)  # 0, 3 (now: 5001), 6 days


async def test_reload_reports_problems_and_keeps_the_roadmap(
    services: tuple[LearningService, AdminService, Clock],
) -> None:
    _, admin, _ = services
    file = admin.roadmap.path
    assert file is not None
    before = admin.roadmap.current
    good = file.read_text(encoding="utf-8")
    file.write_text(good.replace("kind: book", "kind: scroll"), encoding="utf-8")
    failed = await admin.reload()
    assert isinstance(failed, ReloadFailed) and failed.path == file
    assert all("invalid kind 'scroll'" in p.message for p in failed.problems)
    assert admin.roadmap.current is before

    file.write_text(good.replace("  - id: leetcode\n", "  - id: leetcode-2\n"), encoding="utf-8")
    reloaded = await admin.reload()
    assert isinstance(reloaded, Reloaded)
    assert reloaded.change.new == {"leetcode-2"} and reloaded.change.removed == {"leetcode"}
    assert admin.roadmap.current is not before
