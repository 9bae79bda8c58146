"""Admins' /stats and /reload; for everyone else those commands do not exist."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.db.models import Learner, Reminder
from bot.i18n import Translator
from bot.roadmap.loader import default_roadmap_path
from bot.roadmap.models import Roadmap
from bot.roadmap.summary import summarize
from fake_bot_api import BotMessage, FakeTelegram, SimUser
from tests.e2e.harness import RunningBot, press, say, settled

ADMIN = 4242


@pytest.fixture(autouse=True)
def roadmap_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """ADMIN is an admin, and the bot serves a copy of the roadmap this test may edit."""
    copy = tmp_path / "roadmap.yaml"
    shutil.copy(default_roadmap_path(), copy)
    monkeypatch.setenv("ADMIN_IDS", f"{ADMIN}, 999")
    monkeypatch.setenv("ROADMAP_PATH", str(copy))
    return copy


async def begin(user: SimUser, start: str = "From the beginning") -> BotMessage:
    """Onboard with English material from ``start``; return the study card."""
    await say(user, "/start")
    await press(user, "English")
    await press(user, start)
    return await say(user, "/next")


async def test_stats_count_learners_activity_places_nudges_and_blocks(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    studying, new, finished, gone = (fake.user(first_name=n) for n in ("A", "B", "C", "D"))
    card = await begin(studying)
    await press(studying, "✅", card)
    await say(new, "/start")  # still answering the questions
    card = await begin(finished, "Step 3: Operating System")
    while "📍 Step 3" in card.text:
        card = await press(finished, "✅", card)
    await begin(gone)
    fake.block(gone)
    await settled(fake)

    now = datetime.now(UTC)
    async with bot.sessions.begin() as session:
        for user, days in ((new, 20), (finished, 40)):
            await session.execute(
                update(Learner)
                .where(Learner.id == user.id)
                .values(last_seen_at=now - timedelta(days=days))
            )
        reminder = await session.get(Reminder, studying.id)
        if reminder is None:
            reminder = Reminder(learner_id=studying.id)
            session.add(reminder)
        reminder.last_sent_at = now - timedelta(days=2)

    stats = await say(fake.user(ADMIN), "/stats")
    assert "Learners: 4 (1 still answering the /start questions)" in stats.text
    assert "Active in the last 7 days: 2 · in the last 30 days: 3" in stats.text
    assert "• Step 0: Prerequisites: 2" in stats.text  # studying, and gone (blocked)
    assert "• Step 3: Operating System: 0" in stats.text
    assert "• 🏁 Finished the ordered steps: 1" in stats.text
    assert "Weekly reminders sent in the last 7 days: 1" in stats.text
    assert "Blocked the bot in the last 7 days: 1" in stats.text


async def test_admin_commands_do_not_exist_for_anyone_else(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user()
    for command in ("/stats", "/reload"):
        reply = await say(user, command)
        assert reply.html == Translator()("en", "unknown-command", command=command)


def rewrite(file: Path, *changes: tuple[str, str]) -> str:
    """Apply ``(old, new)`` replacements (first occurrence) to the file; return its new text."""
    text = file.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")
    return text


async def test_reload_reports_located_problems_and_keeps_the_old_roadmap(
    bot: RunningBot, fake: FakeTelegram, roadmap_file: Path, roadmap: Roadmap
) -> None:
    admin, learner = fake.user(ADMIN), fake.user()
    card = await begin(learner)
    assert "Grokking Algorithms" in card.text

    reloaded = await say(admin, "/reload")
    counts = summarize(roadmap)
    assert "Roadmap reloaded from roadmap.yaml" in reloaded.text
    assert (
        f"{counts.resources.total} resources (English {counts.resources.en}, "
        f"Persian {counts.resources.fa}, any language {counts.resources.untagged})"
    ) in reloaded.text
    assert (
        f"{counts.sources.seed} from the original roadmap, {counts.sources.upstream} from its"
        f" later version, {counts.sources.ours} added by the editors"
    ) in reloaded.text
    assert "0 new and 0 removed" in reloaded.text

    broken = rewrite(
        roadmap_file,
        ("kind: book", "kind: scroll"),
        ("url: https://leetcode.com/", "url: <b>leetcode</b>"),
    )
    failed = await say(admin, "/reload")
    assert "roadmap.yaml has 2 problems" in failed.text
    assert "keeps the roadmap it had" in failed.text
    line = broken.splitlines().index("            kind: scroll") + 1
    assert (
        f"roadmap.yaml:{line}: steps[0].topics[0].resources[0].kind: invalid kind 'scroll'"
        in failed.text
    )
    assert "steps[0].topics[0].resources[5].url: invalid URL '<b>leetcode</b>'" in failed.text

    card = await say(learner, "/next")  # still served from the old roadmap
    assert "Grokking Algorithms" in card.text and "📘" in card.text

    rewrite(
        roadmap_file,
        ("kind: scroll", "kind: book"),
        ("url: <b>leetcode</b>", "url: https://leetcode.com/"),
        ("title: Grokking Algorithms", "title: Grokking Algorithms, 2nd ed."),
    )
    assert "Roadmap reloaded" in (await say(admin, "/reload")).text
    assert "Grokking Algorithms, 2nd ed." in (await say(learner, "/next")).text


async def test_admin_screens_speak_persian(bot: RunningBot, fake: FakeTelegram) -> None:
    admin = fake.user(ADMIN, language_code="fa")
    assert "آمار استفاده" in (await say(admin, "/stats")).text
    assert "نقشه راه دوباره بارگذاری شد" in (await say(admin, "/reload")).text
