"""/language, /reset and /help."""

from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.callback_data import Action
from bot.i18n import Markup, Text
from bot.keyboards import button, keyboard
from bot.services.learning import Reset
from bot.services.path import Material, Status
from bot.services.snapshot import Snapshot
from bot.views.onboarding import interface_row, price_button
from bot.views.screen import Screen, join, language_name, lines


def language_screen(
    t: Text, snap: Snapshot, *, from_study: bool = False, notice: str = ""
) -> Screen:
    """Material language (and interface language) with the current choice ticked."""
    action = Action.MATERIAL_NEXT if from_study else Action.MATERIAL
    options = []
    for material in Material:
        label = t.plain(f"button-material-{material.value}")
        if material is snap.material:
            label = t.plain("chosen", label=label)
        options.append([button(label, action, material.value)])
    rows = [*options]
    if snap.material is not Material.BOTH:
        rows.append([other_language_button(t, snap, from_study=from_study)])
    rows += [[price_button(t, snap, "n" if from_study else "")], interface_row(t)]
    if from_study:
        rows.append([button(t.plain("button-back"), Action.NEXT)])
    text = join(
        notice,
        t("language-current", material=language_name(t, snap.material)),
        t("language-choose"),
        t("price-hint"),
    )
    return t.screen(text, keyboard(*rows))


def other_language_button(t: Text, snap: Snapshot, *, from_study: bool) -> InlineKeyboardButton:
    """Where a topic has nothing in the learner's language: shown, left out, or ask."""
    state = {True: "on", False: "off", None: "ask"}[snap.state.other_language]
    label = t.plain(f"button-other-language-{state}")
    arg = ("no" if snap.state.other_language else "yes") + ("-n" if from_study else "")
    return button(label, Action.OTHER_LANGUAGE_ALWAYS, arg)


def reset_confirm(t: Text, snap: Snapshot, notes: int = 0) -> Screen:
    """What a reset deletes, counted from what is stored (whatever the material language);
    with notes, whether they go too."""
    stored = snap.stored
    text = t(
        "reset-confirm",
        done=stored[Status.DONE],
        skipped=stored[Status.SKIPPED],
        started=stored[Status.STARTED],
        unneeded=stored[Status.UNNEEDED],
        topics=snap.other_language_topics,
        framework=1 if snap.state.framework else 0,
    )
    cancel = button(t.plain("button-reset-no"), Action.RESET, "no")
    if not notes:
        return t.screen(
            text, keyboard([button(t.plain("button-reset-yes"), Action.RESET, "keep"), cancel])
        )
    return t.screen(
        join(text, t("reset-notes-ask", count=notes)),
        keyboard(
            [button(t.plain("button-reset-keep-notes"), Action.RESET, "keep")],
            [button(t.plain("button-reset-delete-notes"), Action.RESET, "all")],
            [cancel],
        ),
    )


def reset_done(t: Text, reset: Reset) -> Markup:
    """What the reset deleted, counted, and the notes it kept."""
    deleted = reset.statuses
    return lines(
        t(
            "reset-done",
            done=deleted[Status.DONE],
            skipped=deleted[Status.SKIPPED],
            started=deleted[Status.STARTED],
            unneeded=deleted[Status.UNNEEDED],
            topics=reset.topics,
            notes=reset.notes_deleted,
        ),
        t("reset-notes-kept", count=reset.notes_kept) if reset.notes_kept else "",
    )


def help_screen(t: Text) -> Screen:
    return t.screen(
        join(t("help"), t("help-commands")),
        keyboard([button(t.plain("button-continue"), Action.NEXT)]),
    )
