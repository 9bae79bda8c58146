"""/language: material language (English, Persian, both) and interface language."""

from __future__ import annotations

from telegram import Update

from bot.callback_data import Action, CallbackData
from bot.context import BotContext
from bot.handlers.common import Reply, send
from bot.services.path import Material
from bot.views import onboarding
from bot.views.settings import language_screen
from bot.views.study import study_screen


async def language_command(update: Update, context: BotContext) -> None:
    """Ask which material language the learner wants."""
    snap = await context.learning.open(context.who)
    await send(context, language_screen(context.text(snap.ui_language), snap))


async def language_button(context: BotContext, data: CallbackData) -> Reply:
    """Open the language menu or save a language choice."""
    learning, learner = context.learning, context.who
    match data.action:
        case Action.LANGUAGE_MENU:
            snap = await learning.open(learner)
            t = context.text(snap.ui_language)
            return Reply(language_screen(t, snap, from_study=data.arg == "next"))
        case Action.MATERIAL_NEXT:
            snap = await learning.set_material(learner, Material(data.arg))
            t = context.text(snap.ui_language)
            return Reply(study_screen(t, snap), t.plain("toast-saved"))
        case Action.PRICE:
            choice, _, where = data.arg.partition("-")
            snap = await learning.set_free_only(learner, choice == "free")
            t = context.text(snap.ui_language)
            if where == "o":
                return Reply(onboarding.welcome(t, snap), t.plain("toast-saved"))
            notice = t("price-saved-free") if snap.state.free_only else t("price-saved-all")
            screen = language_screen(t, snap, from_study=where == "n", notice=notice)
            return Reply(screen, t.plain("toast-saved"))
        case Action.OTHER_LANGUAGE_ALWAYS:
            choice, _, where = data.arg.partition("-")
            snap = await learning.set_other_language(learner, choice == "yes")
            t = context.text(snap.ui_language)
            if where == "c":
                return Reply(study_screen(t, snap), t.plain("toast-saved"))
            screen = language_screen(t, snap, from_study=where == "n", notice=t("language-saved"))
            return Reply(screen, t.plain("toast-saved"))
        case Action.MATERIAL:
            snap = await learning.set_material(learner, Material(data.arg))
            t = context.text(snap.ui_language)
            return Reply(
                language_screen(t, snap, notice=t("language-saved")), t.plain("toast-saved")
            )
        case Action.INTERFACE_MENU:
            snap = await learning.open(learner)
            return Reply(onboarding.interface_menu(context.text(snap.ui_language)))
        case _:  # Action.INTERFACE
            snap = await learning.set_ui_language(learner, data.arg)
            t = context.text(snap.ui_language)
            screen = onboarding.welcome(t, snap) if not snap.onboarded else language_screen(t, snap)
            return Reply(screen, t.plain("toast-saved"))
