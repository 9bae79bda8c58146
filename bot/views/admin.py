"""The admins' screens: /stats and the outcome of /reload."""

from __future__ import annotations

from bot.i18n import Markup, Text, escape
from bot.roadmap.loader import Problem
from bot.services.admin import Reloaded, ReloadFailed, UsageStats
from bot.views.screen import MAX_TEXT, Screen, join, lines, step_title

#: Room kept free below Telegram's limit (characters that count double in UTF-16, and so on).
MARGIN = 96
#: One problem is never shown longer than this.
MAX_PROBLEM = 400


def stats_screen(t: Text, stats: UsageStats) -> Screen:
    steps = [
        t("admin-stats-step", step=step_title(t, step), count=count)
        for step, count in stats.per_step
    ]
    return t.screen(
        join(
            t("admin-stats-title"),
            lines(
                t("admin-stats-learners", total=stats.learners, onboarding=stats.onboarding),
                t("admin-stats-active", week=stats.active_week, month=stats.active_month),
            ),
            lines(
                t("admin-stats-where"),
                *steps,
                t("admin-stats-finished", count=stats.finished),
            ),
            lines(
                t("admin-stats-nudges", count=stats.nudged_week),
                t("admin-stats-blocked", count=stats.blocked_week),
                t(
                    "admin-stats-reviews",
                    asked=stats.reviews_asked,
                    yes=stats.reviews_yes,
                    opened=stats.reviews_opened,
                    off=stats.review_off,
                ),
            ),
        )
    )


def reload_screen(t: Text, result: Reloaded | ReloadFailed) -> Screen:
    if isinstance(result, ReloadFailed):
        return _failed(t, result)
    summary = result.summary
    overview = t(
        "admin-reload-summary",
        steps=summary.steps,
        topics=summary.topics,
        resources=summary.resources.total,
        en=summary.resources.en,
        fa=summary.resources.fa,
        untagged=summary.resources.untagged,
        seed=summary.sources.seed,
        upstream=summary.sources.upstream,
        ours=summary.sources.ours,
        free=summary.prices.free,
        paid=summary.prices.paid,
        unknown=summary.prices.unknown,
    )
    steps = [
        t("admin-reload-step", step=step_title(t, c.step), topics=c.topics, resources=c.resources)
        for c in summary.per_step
    ]
    new, removed = len(result.change.new), len(result.change.removed)
    change = t("admin-reload-change", new=new, removed=removed)
    return t.screen(
        join(t("admin-reload-done", file=result.path.name), overview, lines(*steps), change)
    )


def _problem_line(file: str, problem: Problem) -> Markup:
    where = f"{file}:{problem.line}" if problem.line is not None else file
    text = f"{where}: {problem.location}: " if problem.location else f"{where}: "
    text += problem.message
    if len(text) > MAX_PROBLEM:
        text = text[: MAX_PROBLEM - 1] + "…"
    return Markup(f"• {escape(text)}")


def _failed(t: Text, result: ReloadFailed) -> Screen:
    """The located problems, as many as fit in one message, then "… and N more"."""
    file = result.path.name
    header = t("admin-reload-failed", file=file, count=len(result.problems))
    shown: list[Markup] = []
    # Measured as sent: laid out for the interface language (marks make Persian longer).
    budget = MAX_TEXT - MARGIN - len(t.directed(header))
    for index, problem in enumerate(result.problems):
        line = t.directed(_problem_line(file, problem))
        left = len(result.problems) - index - 1
        more = len(t.directed(t("admin-reload-more", count=left))) + 1 if left else 0
        if len(line) + 1 + more > budget:
            shown.append(t("admin-reload-more", count=len(result.problems) - index))
            break
        shown.append(line)
        budget -= len(line) + 1
    return t.screen(join(header, lines(*shown)))
