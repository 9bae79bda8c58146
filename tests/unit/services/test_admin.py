"""AdminService: statistics read in batches, and reloading the roadmap file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.roadmap.holder import RoadmapHolder
from bot.services.admin import AdminService, Reloaded, ReloadFailed
from bot.services.learning import LearningService
from bot.services.path import Status
from bot.services.who import Who
from tests.fakes.store import ReminderRecord
from tests.fakes.uow import InMemoryStore, fake_units
from tests.unit.services.conftest import NOW, FixedClock, commits


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def who(n: int, language: str = "en") -> Who:
    return Who(user_id=n, chat_id=n, language_code=language)


async def test_stats_place_every_learner_once_across_batches(
    admin: AdminService, store: InMemoryStore, clock: FixedClock
) -> None:
    learning = LearningService(fake_units(store), admin.roadmap, clock)
    clock.now = NOW - timedelta(days=40)
    await learning.open(who(1))  # never finished the questions; not seen this month
    clock.now = NOW - timedelta(days=20)
    await learning.set_start(who(2), None)  # Basics; seen this month
    clock.now = NOW
    await learning.set_start(who(3), "frameworks")  # the framework choice
    await learning.set_start(who(6, "fa"), None)  # Basics, at a language gap
    for n in (4, 5):  # through the framework step: the ordered path is finished
        await learning.set_start(who(n), "frameworks")
        await learning.choose_framework(who(n), "django")
        for resource in ("django-for-beginners", "wiki-web-frameworks"):
            await learning.resolve(who(n), resource, Status.DONE)
    await learning.choose_elective(who(5), "git")  # studying an elective: hands-on
    store.learners[3].blocked_at = NOW - timedelta(days=2)
    store.learners[4].blocked_at = NOW - timedelta(days=10)
    await learning.open(who(9))  # onboarding, and nudged yesterday
    store.reminders[9] = ReminderRecord(9, last_sent_at=NOW - timedelta(days=1))

    stats, n = await commits(store, admin.stats())
    assert n == 1 + 4  # the counts, then batches of 2, 2, 2 and an empty one
    places = {step.id: count for step, count in stats.per_step}
    assert places == {"basics": 2, "frameworks": 1, "hands-on": 1}
    assert (stats.learners, stats.onboarding, stats.finished) == (7, 2, 1)
    assert (stats.active_week, stats.active_month) == (5, 6)
    assert (stats.nudged_week, stats.blocked_week) == (1, 1)


async def test_stats_of_an_empty_store(admin: AdminService, store: InMemoryStore) -> None:
    stats, n = await commits(store, admin.stats())
    assert n == 2 and stats.learners == stats.onboarding == stats.finished == 0
    assert [count for _, count in stats.per_step] == [0, 0, 0]


async def test_a_broken_file_is_reported_and_the_roadmap_kept(
    admin: AdminService, admin_file: Path
) -> None:
    before = admin.roadmap.current
    edit(admin_file, "kind: book", "kind: scroll")
    failed = await admin.reload()
    assert isinstance(failed, ReloadFailed) and failed.path == admin_file
    assert failed.problems and all("scroll" in p.message for p in failed.problems)
    assert admin.roadmap.current is before


async def test_a_good_file_replaces_the_roadmap_and_reports_the_change(
    admin: AdminService, admin_file: Path
) -> None:
    edit(admin_file, "- id: leetcode\n", "- id: leetcode-2\n")
    reloaded = await admin.reload()
    assert isinstance(reloaded, Reloaded) and reloaded.path == admin_file
    assert reloaded.change.new == {"leetcode-2"} and reloaded.change.removed == {"leetcode"}
    assert (reloaded.summary.steps, reloaded.summary.resources.total) == (3, 7)
    assert admin.roadmap.current.resource("leetcode-2") is not None


async def test_reload_needs_a_file(store: InMemoryStore, admin: AdminService) -> None:
    service = AdminService(fake_units(store), RoadmapHolder(admin.roadmap.current))
    with pytest.raises(RuntimeError, match="not loaded from a file"):
        await service.reload()
