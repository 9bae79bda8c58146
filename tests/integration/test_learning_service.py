"""The learning service on a real database: progress, idempotency, concurrency, edits."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import create_engine
from bot.db.migrate import upgrade_async
from bot.db.models import Learner, Progress
from bot.db.uow import units_of_work
from bot.roadmap.holder import RoadmapHolder
from bot.roadmap.models import Roadmap
from bot.services.errors import UnknownItem
from bot.services.learning import LearningService
from bot.services.path import Material, NextResource, Status
from bot.services.who import Who


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    await upgrade_async(database_url)
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def service(engine: AsyncEngine, roadmap: Roadmap) -> LearningService:
    return LearningService(units_of_work(engine), RoadmapHolder(roadmap))


ANA = Who(user_id=1001, chat_id=1001, first_name="Ana", language_code="en")
REZA = Who(user_id=1002, chat_id=1002, first_name="Reza", language_code="fa-IR")


async def test_first_contact_registers_with_language_from_telegram(
    service: LearningService,
) -> None:
    ana, reza = await service.open(ANA), await service.open(REZA)
    assert (ana.ui_language, ana.material) == ("en", Material.EN)
    assert (reza.ui_language, reza.material) == ("fa", Material.FA)
    assert not ana.onboarded


async def test_done_advances_and_is_idempotent(service: LearningService) -> None:
    first = (await service.open(ANA)).next
    assert isinstance(first, NextResource)
    after = await service.resolve(ANA, first.resource.id, Status.DONE)
    again = await service.resolve(ANA, first.resource.id, Status.DONE)
    assert after.next == again.next != first
    assert after.progress.path.done == again.progress.path.done == 1


async def test_concurrent_presses_by_one_learner_advance_once(
    service: LearningService, engine: AsyncEngine
) -> None:
    first = (await service.open(ANA)).next
    assert isinstance(first, NextResource)
    results = await asyncio.gather(
        *(service.resolve(ANA, first.resource.id, Status.DONE) for _ in range(10))
    )
    assert {r.progress.path.done for r in results} == {1}
    async with engine.connect() as conn:
        count = await conn.scalar(select(func.count()).select_from(Progress))
    assert count == 1


async def test_many_learners_at_once_never_lock(
    service: LearningService, engine: AsyncEngine
) -> None:
    learners = [Who(user_id=5000 + i, chat_id=5000 + i) for i in range(40)]

    async def study(who: Who) -> None:
        for _ in range(5):
            item = (await service.open(who)).next
            assert isinstance(item, NextResource)
            await service.resolve(who, item.resource.id, Status.DONE)

    await asyncio.gather(*(study(w) for w in learners))
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(Progress)) == 200
        assert await conn.scalar(select(func.count()).select_from(Learner)) == 40


async def test_skip_topic_skips_every_language(service: LearningService, roadmap: Roadmap) -> None:
    snap = await service.skip_topic(REZA, "python-advanced")
    advanced = roadmap.topic("python-advanced")
    assert advanced is not None
    assert all(snap.state.statuses[r.id] is Status.SKIPPED for r in advanced.resources)


async def test_unknown_ids_are_refused(service: LearningService) -> None:
    for call in (
        service.resolve(ANA, "no-such-book", Status.DONE),
        service.skip_topic(ANA, "nope"),
        service.choose_framework(ANA, "algorithms"),
        service.choose_elective(ANA, "django"),
        service.set_start(ANA, "git"),
    ):
        with pytest.raises(UnknownItem):
            await call


async def test_reset_clears_progress_but_keeps_languages(service: LearningService) -> None:
    await service.set_material(REZA, Material.BOTH)
    await service.set_start(REZA, "python")
    await service.choose_framework(REZA, "django")
    await service.skip_topic(REZA, "python-beginner")
    snap = (await service.reset(REZA)).snapshot
    assert snap.state.statuses == {} and snap.state.framework is None
    assert snap.material is Material.BOTH and not snap.onboarded


async def test_progress_survives_a_roadmap_edit(service: LearningService, roadmap: Roadmap) -> None:
    """Removing a resource from the file keeps the learner's other progress intact."""
    first = (await service.open(ANA)).next
    assert isinstance(first, NextResource)
    await service.resolve(ANA, first.resource.id, Status.DONE)
    second = (await service.open(ANA)).next
    assert isinstance(second, NextResource)
    await service.resolve(ANA, second.resource.id, Status.DONE)

    data = roadmap.model_dump(mode="json")
    data["steps"][0]["topics"][0]["resources"].pop(0)  # the first resource leaves the roadmap
    service.roadmap.current = Roadmap.model_validate(data)
    snap = await service.open(ANA)
    assert snap.state.statuses == {second.resource.id: Status.DONE}
    assert snap.progress.path.done == 1

    service.roadmap.current = roadmap  # it comes back: so does the learner's record of it
    assert (await service.open(ANA)).progress.path.done == 2


async def test_delete_cascades(service: LearningService, engine: AsyncEngine) -> None:
    await service.skip_topic(ANA, "algorithms")
    async with engine.begin() as conn:
        await conn.execute(Learner.__table__.delete().where(Learner.id == ANA.user_id))
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(Progress)) == 0
