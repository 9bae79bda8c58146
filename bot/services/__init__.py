"""Service layer: the bot's behaviour as plain functions and classes, no Telegram imports."""
