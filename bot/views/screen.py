"""A rendered message: HTML text plus an optional inline keyboard."""

from __future__ import annotations

from bot.i18n import Markup, Screen, Text, escape
from bot.roadmap.models import Kind, Language, Price, Step, Topic
from bot.services.path import Material, Status
from bot.services.tally import StepProgress, Tally

#: Telegram's limit on a message's text.
MAX_TEXT = 4096

KIND_ICONS = {
    Kind.BOOK: "📘",
    Kind.VIDEO: "🎬",
    Kind.COURSE: "🏫",
    Kind.PLATFORM: "🧩",
    Kind.WEBSITE: "🌐",
    Kind.DOCS: "📄",
    Kind.TUTORIAL: "🪜",
    Kind.ARTICLE: "📰",
    Kind.REPOSITORY: "🗃",
    Kind.LIST: "📋",
    Kind.TEMPLATE: "🧰",
    Kind.LINK: "🔗",
}
STATUS_ICONS = {
    Status.DONE: "✅",
    Status.SKIPPED: "⏭",
    Status.STARTED: "⏳",
    Status.UNNEEDED: "☑️",
}


__all__ = ["Screen"]  # made by ``Text.screen`` (bot.i18n), used by every view


def join(*parts: str) -> Markup:
    """Paragraphs separated by a blank line (empty parts dropped)."""
    return Markup("\n\n".join(p for p in parts if p))


def lines(*parts: str) -> Markup:
    return Markup("\n".join(p for p in parts if p))


def bar(tally: Tally, width: int = 10) -> str:
    """A progress bar, rounded down like the percentage: full only when complete."""
    filled = width * tally.percent // 100
    return "▰" * filled + "▱" * (width - filled)


def listed(t: Text, parts: list[Markup]) -> Markup:
    """Parts joined with the interface language's list separator ("، " in Persian)."""
    return Markup(t.plain("list-separator").join(parts))


def counts(t: Text, tally: Tally) -> Markup:
    """ "✅ 3 done, ⏭ 1 skipped, ⏳ 1 in progress": the parts that are not zero, apart."""
    parts = [
        t(key, count=count)
        for key, count in (
            ("count-done", tally.done),
            ("count-skipped", tally.skipped),
            ("count-started", tally.started),
            ("count-unneeded", tally.unneeded),
        )
        if count
    ]
    return listed(t, parts) if parts else t("count-none")


def step_title(t: Text, step: Step) -> Markup:
    """ "Step 1: Python" as HTML."""
    if step.number is None:
        return t("step-title-unnumbered", title=step.title.get(t.locale))
    return t("step-title", number=step.number, title=step.title.get(t.locale))


def step_label(t: Text, step: Step) -> str:
    """ "Step 1: Python" as plain text, for buttons."""
    if step.number is None:
        return t.plain("step-title-unnumbered", title=step.title.get(t.locale))
    return t.plain("step-title", number=step.number, title=step.title.get(t.locale))


def topic_title(t: Text, topic: Topic) -> str:
    return topic.title.get(t.locale)


def language_name(t: Text, language: Language | Material | None) -> Markup:
    return t(f"language-{language.value if language else 'any'}")


def step_status(t: Text, entry: StepProgress) -> Markup:
    """A step's counts, as /roadmap and /progress show them."""
    tally = entry.tally
    if not entry.on_path:
        before = t("roadmap-before-start")
        return (
            Markup(f"{before} ({counts(t, tally)})") if tally.resolved or tally.started else before
        )
    if tally.total:
        return t("roadmap-tally", counts=counts(t, tally), total=tally.total)
    return t("roadmap-choose-framework" if tally.open_choices else "roadmap-nothing")


#: Button labels cut resource titles to this many characters.
MAX_LABEL_TITLE = 40


#: At most this many titles in one line; the rest are counted.
MAX_LISTED_TITLES = 3


def some_titles(t: Text, titles: list[str]) -> Markup:
    """ "A, B, C, 4 more": the first few titles of a list that may be long."""
    shown = [escape(title) for title in titles[:MAX_LISTED_TITLES]]
    if len(titles) > MAX_LISTED_TITLES:
        shown.append(t("and-more", count=len(titles) - MAX_LISTED_TITLES))
    return listed(t, shown)


def price_label(t: Text, price: Price | None) -> Markup:
    """ "🆓 Free", "💰 Paid" or "❔ Price unknown"."""
    return t(f"price-{price.value if price else 'unknown'}")


def short_title(title: str) -> str:
    """A resource title short enough for a button label."""
    return title if len(title) <= MAX_LABEL_TITLE else title[: MAX_LABEL_TITLE - 1] + "…"
