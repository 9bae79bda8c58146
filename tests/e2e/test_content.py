"""The whole roadmap through the chat: seed links, Persian walks, prices, old learners.

The two Markdown documents are read here with their own small parser, independently of
the importer, so that a mistake in the import cannot hide itself.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import yaml
from sqlalchemy import insert, select, update

from bot.db.models import LearnerSettings, Progress
from bot.roadmap.models import Roadmap
from fake_bot_api import BotMessage, FakeTelegram, SimUser
from tests.e2e.harness import RunningBot, press, say, settled
from tests.e2e.test_journeys import onboard, resource_url

DATA = Path(__file__).parents[2] / "data"
SEED = DATA / "seed" / "python-backend-roadmap.md"
UPSTREAM = DATA / "upstream" / "python-backend-roadmap-f56e40b.md"
LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)((?:\s*\([^)]*\))*)")
HREF = re.compile(r'href="([^"]+)"')


def links(document: Path) -> list[tuple[str, str, str, str, str]]:
    """(url, language, price, ## heading, ### heading) of every content link, in order."""
    found = []
    h2 = h3 = ""
    for line in document.read_text(encoding="utf-8").splitlines():
        if found_h2 := re.match(r"##\s+(.+?)\s*$", line):
            h2, h3 = found_h2[1], ""
        elif found_h3 := re.match(r"\s*-?\s*###\s+(.+?)\s*$", line):
            h3 = found_h3[1]
        if h2 in ("", "Contribution"):
            continue  # the table of contents and the contribution notes
        for match in LINK.finditer(line):
            labels = {label.lower() for label in re.findall(r"\(([^)]*)\)", match[3])}
            language = "fa" if "persian" in labels else "en" if "english" in labels else ""
            price = "paid" if "paid" in labels else "free" if "free" in labels else ""
            found.append((match[2], language, price, h2, h3))
    return found


def card_links(card: BotMessage) -> list[str]:
    """Every link a study card offers: the resource, its translations, its earlier edition."""
    return (
        [html.unescape(url) for url in HREF.findall(card.html or "")] if resource_url(card) else []
    )


async def walk(
    user: SimUser,
    card: BotMessage,
    *,
    choose: Callable[[list[str]], str | None],
    seen: Callable[[BotMessage], None] = lambda card: None,
) -> tuple[list[list[str]], BotMessage]:
    """Press Done on every card, and what ``choose`` picks on any other screen, until it picks
    nothing; the links of each card, in order."""
    served: list[list[str]] = []
    for _ in range(400):
        if resource_url(card):
            seen(card)
            served.append(card_links(card))
            card = await press(user, "✅", card)
            continue
        label = choose(card.button_texts())
        if label is None:
            return served, card
        card = await press(user, label, card)
    raise AssertionError("the walk does not end")


def first(wanted: str) -> Callable[[list[str]], str | None]:
    """Pick the first button containing ``wanted``."""
    return lambda labels: next((label for label in labels if wanted in label), None)


def every_elective(
    electives: list[str], *wanted: str
) -> tuple[Callable[[list[str]], str | None], list[str]]:
    """A chooser that picks the first button with one of ``wanted`` in it, else each of
    ``electives`` once; and the electives it opened."""
    opened: list[str] = []

    def choose(labels: list[str]) -> str | None:
        for word in wanted:
            if label := next((lb for lb in labels if word in lb), None):
                return label
        left = [lb for lb in labels if lb in electives and lb not in opened]
        if left:
            opened.append(left[0])
            return left[0]
        return None

    return choose, opened


# -- the seed, whole ------------------------------------------------------------------------


async def test_an_english_django_learner_is_offered_every_english_seed_link_once_in_order(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana", language_code="en")
    card = await onboard(user, "English", "From the beginning")
    served, end = await walk(user, card, choose=first("Django"))
    assert "Pick a hands-on step" in end.text, end.text
    expected = [url for url, language, *_ in links(SEED) if language in ("en", "")]
    assert len(expected) == 23
    offered = [url for card_urls in served for url in card_urls if url in expected]
    assert offered == expected  # each once, in the seed's order (Fluent Python: its 1st edition)
    opened = [urls[0] for urls in served]
    assert len(opened) == len(set(opened))


# -- Persian --------------------------------------------------------------------------------


async def test_a_persian_django_learner_who_opens_every_elective_gets_every_persian_resource(
    bot: RunningBot, fake: FakeTelegram, roadmap: Roadmap
) -> None:
    user = fake.user(first_name="Reza", language_code="fa")
    card = await onboard(user, "🇮🇷 فارسی", "از اول")
    electives = [topic.title.fa for topic in roadmap.elective_steps[0].topics]
    # The framework; a topic without Persian is skipped; then every elective in turn.
    choose, opened = every_elective(electives, "جنگو", "رد شدن از موضوع")
    served, _ = await walk(user, card, choose=choose)
    assert sorted(opened) == sorted(electives)
    on_path = [
        url
        for url, language, _, h2, h3 in links(UPSTREAM)
        if language == "fa" and (not h2.startswith("Step 2") or h3 == "Django")
    ]
    assert len(on_path) == 21  # 23 Persian links, less FastAPI's and Flask's
    offered = {url for urls in served for url in urls}
    assert set(on_path) <= offered


# -- prices ---------------------------------------------------------------------------------


async def test_a_free_only_learner_never_sees_a_paid_card_and_counts_only_free_ones(
    bot: RunningBot, fake: FakeTelegram, roadmap: Roadmap
) -> None:
    user = fake.user(first_name="Sam", language_code="en")
    welcome = await say(user, "/start")
    welcome = await press(user, "Free resources only", welcome)
    assert "Free resources only: on" in " ".join(welcome.button_texts())
    await press(user, "English", welcome)
    await press(user, "From the beginning")
    card = await press(user, "No, thanks")
    paid = {url for url, _, price, *_ in links(UPSTREAM) if price == "paid"}
    assert len(paid) > 50

    def no_price_tag(card: BotMessage) -> None:
        assert "💰" not in card.text and "Paid" not in card.text, card.text
        assert "🆓 Free" in card.text or "❔" in card.text, card.text

    electives = [topic.title.en for topic in roadmap.elective_steps[0].topics]
    choose, _ = every_elective(electives, "Django")
    served, end = await walk(user, card, choose=choose, seen=no_price_tag)
    offered = {urls[0] for urls in served}
    assert offered and not offered & paid
    assert "You finished the whole roadmap" in end.text, end.text
    report = await say(user, "/progress")
    assert "0 left (100%)" in report.text, report.text
    assert "Free resources only" in report.text


async def test_every_card_says_free_or_paid_in_both_languages(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    for language, material, begin, paid, free in (
        ("en", "English", "From the beginning", "💰 Paid", "🆓 Free"),
        ("fa", "انگلیسی", "از اول", "💰 پولی", "🆓 رایگان"),
    ):
        user = fake.user(first_name="Lee", language_code=language)
        card = await onboard(user, material, begin)
        assert "Grokking Algorithms" in card.text and paid in card.text, card.text
        for _ in range(5):  # four books and a course, then LeetCode: labelled free by us
            card = await press(user, "✅", card)
        assert "LeetCode" in card.text and free in card.text, card.text


# -- many resources per topic ---------------------------------------------------------------


async def test_i_know_this_topic_moves_on_and_the_rest_is_not_needed_and_undo_brings_it_back(
    bot: RunningBot, fake: FakeTelegram
) -> None:
    user = fake.user(first_name="Ana", language_code="en")
    card = await onboard(user, "English", "From the beginning")
    listing = await press(user, "📚 All", card)
    assert "LeetCode" in listing.text and "Codeforces" in listing.text
    leetcode = await press(user, "▶️ LeetCode", listing)
    assert resource_url(leetcode) == "https://leetcode.com/"
    card = await press(user, "✅ Done", leetcode)
    card = await press(user, "🎓 I know this topic", card)
    assert "System Design" in card.text and "not needed" in card.text, card.text
    report = await say(user, "/progress")
    assert "1 done, 0 skipped, 10 not needed" in report.text, report.text
    card = await say(user, "/next")
    card = await press(user, "🎓 I know this topic", card)
    back = await press(user, "↩️ Undo", card)
    assert "System Design" in back.text
    await settled(fake)
    async with bot.sessions() as session:
        result = await session.execute(select(Progress.resource_id, Progress.status))
        rows = {resource_id: status for resource_id, status in result}
    assert rows["leetcode"] == "done" and rows["hackerrank"] == "unneeded"
    assert not any(rid.startswith("system-design") for rid in rows)


# -- roadmap updates ------------------------------------------------------------------------


async def test_a_learner_with_progress_on_the_first_revision_is_not_sent_back(
    bot: RunningBot, fake: FakeTelegram, roadmap: Roadmap
) -> None:
    user = fake.user(first_name="Old", language_code="en")
    await onboard(user, "English", "From the beginning")
    await settled(fake)
    first = yaml.safe_load((DATA / "revisions" / "1.yaml").read_text(encoding="utf-8"))
    passed = [
        rid
        for step in ("prerequisites", "python")
        for rid in first[step]
        if (res := roadmap.resource(rid)) is not None and res.language != "fa"
    ]
    now = datetime.now(UTC)
    async with bot.sessions() as session, session.begin():
        await session.execute(
            update(LearnerSettings)
            .where(LearnerSettings.learner_id == user.id)
            .values(roadmap_revision=1)
        )
        await session.execute(
            insert(Progress),
            [
                {"learner_id": user.id, "resource_id": rid, "status": "done", "updated_at": now}
                for rid in passed
            ],
        )
    card = await say(user, "/next")
    assert "Choose ONE framework" in card.text, card.text  # not Step 0's new resources
    report = await say(user, "/progress")
    assert f"On your path: {len(passed)} done" in report.text, report.text
    assert "New in steps you had passed" in report.text
    assert "The roadmap has grown since you started" in report.text
    async with bot.sessions() as session:
        rows = (await session.execute(select(Progress.resource_id))).scalars().all()
    assert sorted(rows) == sorted(passed)  # every record kept, nothing rewritten
