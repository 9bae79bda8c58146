"""The admins' screens: located problems escaped and cut to fit one Telegram message."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bidi import CONTROLS
from bot.i18n import Translator
from bot.roadmap.loader import Problem
from bot.roadmap.models import Roadmap
from bot.roadmap.summary import compare, summarize
from bot.services.admin import Reloaded, ReloadFailed, UsageStats
from bot.views.admin import reload_screen, stats_screen
from bot.views.screen import MAX_TEXT

FILE = Path("/srv/bot/data/roadmap.yaml")


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator()


def _problems(count: int) -> list[Problem]:
    return [
        Problem(f"steps[{i}].topics[0].title", i + 10, f"invalid <title> & {'x' * 60} #{i}")
        for i in range(count)
    ]


@pytest.mark.parametrize("locale", ["en", "fa"])
@pytest.mark.parametrize("count", [1, 3, 30, 31, 200])
def test_problems_are_escaped_and_cut_to_one_message(
    translator: Translator, locale: str, count: int
) -> None:
    t = translator.locale(locale)
    sent = reload_screen(t, ReloadFailed(FILE, _problems(count))).text
    assert len(sent) <= MAX_TEXT
    text = "".join(ch for ch in sent if ch not in CONTROLS)  # what the reader sees
    assert "<title>" not in text and "invalid &lt;title&gt; &amp; x" in text
    assert "roadmap.yaml:10: steps[0].topics[0].title: invalid" in text
    shown = text.count("• roadmap.yaml:")
    if shown == count:
        assert "… and" not in text and "… و" not in text
    else:
        more = count - shown
        assert text.rstrip().endswith(
            f"… and {more} more" if locale == "en" else f"… و {t.number(more)} مورد دیگر"
        )
        assert shown > 20  # as many as fit


def test_a_huge_problem_is_shortened(translator: Translator) -> None:
    problem = Problem("steps[0].id", 3, "bad " * 5000)
    text = reload_screen(translator.locale("en"), ReloadFailed(FILE, [problem])).text
    assert len(text) < 1000 and text.endswith("…")


def test_reload_summary_and_stats_render(translator: Translator, roadmap: Roadmap) -> None:
    t = translator.locale("en")
    summary = summarize(roadmap)
    text = reload_screen(t, Reloaded(FILE, summary, compare(roadmap, roadmap))).text
    assert f"{summary.resources.total} resources" in text and "Step 0: Prerequisites" in text
    stats = UsageStats(
        learners=7,
        onboarding=1,
        active_week=3,
        active_month=5,
        per_step=tuple((step, 1) for step in roadmap.steps),
        finished=1,
        nudged_week=2,
        blocked_week=0,
    )
    text = stats_screen(t, stats).text
    assert "<b>7</b> (1 still answering" in text and "• Step 1: Python: 1" in text
