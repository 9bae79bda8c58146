"""The guided /start conversation and the welcome back."""

from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.callback_data import Action
from bot.i18n import Text
from bot.keyboards import button, keyboard
from bot.services import path
from bot.services.snapshot import Snapshot
from bot.views.screen import Screen, join, step_label
from bot.views.study import study_screen


def interface_row(t: Text) -> list[InlineKeyboardButton]:
    """Switch the bot's own language (not the material's). In Persian, one button opens the
    choice, so that each language's name is a single button on the material screens."""
    if t.locale == "fa":
        return [button(t.plain("button-ui-menu"), Action.INTERFACE_MENU)]
    return interface_buttons(t)


def interface_buttons(t: Text) -> list[InlineKeyboardButton]:
    """One button per interface language, the current one ticked."""
    row = []
    for locale in ("en", "fa"):
        label = t.plain(f"button-ui-{locale}")
        row.append(
            button(
                t.plain("chosen", label=label) if t.locale == locale else label,
                Action.INTERFACE,
                locale,
            )
        )
    return row


def interface_menu(t: Text) -> Screen:
    """The bot's own language; back (the current language again) returns where it was."""
    back = button(t.plain("button-back"), Action.INTERFACE, t.locale)
    return t.screen(t("interface-choose"), keyboard(interface_buttons(t), [back]))


def price_button(t: Text, snap: Snapshot, where: str) -> InlineKeyboardButton:
    """Toggle "free resources only" (``where``: "o" onboarding, "n" back to the card)."""
    free = snap.state.free_only
    label = t.plain("button-free-only-on" if free else "button-free-only-off")
    arg = ("all" if free else "free") + (f"-{where}" if where else "")
    return button(label, Action.PRICE, arg)


def welcome(t: Text, snap: Snapshot) -> Screen:
    """Step 1 of onboarding: greeting and the material language."""
    text = join(
        t("welcome", name=snap.first_name or t.plain("friend")),
        t("onboarding-material"),
        t("price-hint"),
        t("interface-hint"),
    )
    markup = keyboard(
        [button(t.plain("button-material-en"), Action.ONBOARD_MATERIAL, "en")],
        [button(t.plain("button-material-fa"), Action.ONBOARD_MATERIAL, "fa")],
        [button(t.plain("button-material-both"), Action.ONBOARD_MATERIAL, "both")],
        [price_button(t, snap, "o")],
        interface_row(t),
    )
    return t.screen(text, markup)


def choose_start(t: Text, snap: Snapshot, *, notice: str = "") -> Screen:
    """Step 2 of onboarding (and after /reset): where to begin."""
    rows = [[button(t.plain("start-beginning"), Action.ONBOARD_START, "begin")]]
    for step, topic in path.start_points(snap.roadmap)[1:]:
        if topic is None:
            rows.append([button(step_label(t, step), Action.ONBOARD_START, step.id)])
        else:
            label = t.plain("start-level", topic=topic.title.get(t.locale))
            rows.append([button(label, Action.ONBOARD_START, topic.id)])
    return t.screen(join(notice, t("onboarding-start")), keyboard(*rows))


def onboarding_done(t: Text, snap: Snapshot) -> Screen:
    return study_screen(t, snap, notice=t("onboarding-done"))


def welcome_back(t: Text, snap: Snapshot) -> Screen:
    return study_screen(
        t, snap, notice=t("welcome-back", name=snap.first_name or t.plain("friend"))
    )
