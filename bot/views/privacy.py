"""/forget: the confirmation and its outcomes."""

from __future__ import annotations

from bot.callback_data import Action
from bot.i18n import Text
from bot.keyboards import button, keyboard
from bot.views.screen import Screen


def forget_confirm(t: Text) -> Screen:
    return t.screen(
        t("forget-confirm"),
        keyboard(
            [
                button(t.plain("forget-button-yes"), Action.FORGET, "yes"),
                button(t.plain("forget-button-no"), Action.FORGET, "no"),
            ]
        ),
    )


def forget_done(t: Text) -> Screen:
    return t.screen(t("forget-done"))


def forget_kept(t: Text) -> Screen:
    return t.screen(t("forget-kept"), keyboard([button(t.plain("button-continue"), Action.NEXT)]))


def forget_nothing(t: Text) -> Screen:
    return t.screen(t("forget-nothing"))
