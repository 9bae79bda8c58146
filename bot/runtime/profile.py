"""The bot's Telegram profile: the description people see before they press Start."""

from __future__ import annotations

import asyncio
import logging

from telegram.error import TelegramError

from bot.context import BotApplication
from bot.i18n import DEFAULT_LOCALE, LOCALES, Translator

log = logging.getLogger(__name__)

#: Telegram's limits, in characters.
MAX_DESCRIPTION = 512
MAX_SHORT_DESCRIPTION = 120


async def register_profile(app: BotApplication, translator: Translator) -> None:
    """Set the description and short description in English (default) and Persian.

    Each is read first and written only when it differs: Telegram throttles these
    methods hard, and the bot restarts more often than its texts change.
    """
    bot = app.bot

    async def description(locale: str, language: str | None) -> None:
        text = translator.locale(locale).plain("profile-description")
        try:
            if (await bot.get_my_description(language)).description != text:
                await bot.set_my_description(text, language_code=language)
        except TelegramError as exc:
            log.warning("could not set the %s bot description: %s", locale, exc)

    async def short_description(locale: str, language: str | None) -> None:
        text = translator.locale(locale).plain("profile-short-description")
        try:
            if (await bot.get_my_short_description(language)).short_description != text:
                await bot.set_my_short_description(text, language_code=language)
        except TelegramError as exc:
            log.warning("could not set the %s short bot description: %s", locale, exc)

    languages = {locale: None if locale == DEFAULT_LOCALE else locale for locale in LOCALES}
    await asyncio.gather(
        *(description(locale, language) for locale, language in languages.items()),
        *(short_description(locale, language) for locale, language in languages.items()),
    )
