"""``python -m bot``: run the bot (long polling, or a webhook if WEBHOOK_URL is set), or a tool."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable

from bot.cli import plain
from bot.config import ConfigError, load_settings
from bot.roadmap.loader import RoadmapError

log = logging.getLogger("bot")


def _fail(message: str, code: int = 1) -> int:
    """One line on stderr, the traceback (if any) having gone to the DEBUG log only."""
    print(f"error: {message}", file=sys.stderr)
    return code


def run() -> int:
    """Load settings and the roadmap, then serve Telegram (polling or webhook) until stopped."""
    from telegram.error import InvalidToken, NetworkError, TelegramError

    from bot.app import ALLOWED_UPDATES, build_application, polling_watch_of
    from bot.db.diagnose import explain
    from bot.runtime.logs import setup_logging
    from bot.runtime.polling import PollingRefused
    from bot.runtime.runner import run as serve

    try:
        settings = load_settings()
    except ConfigError as exc:
        return _fail(f"configuration: {exc}", 2)
    secrets = [settings.token]
    if settings.webhook is not None:
        secrets.append(settings.webhook.secret)
    setup_logging(settings.log_level, settings.log_format, secrets=secrets)
    try:
        app = build_application(settings)
    except RoadmapError as exc:
        return _fail(str(exc))
    try:
        serve(app, settings, ALLOWED_UPDATES, polling_watch_of(app))
    except PollingRefused as exc:
        log.debug("long polling stopped", exc_info=True)
        return _fail(f"long polling stopped: {exc} (a supervisor will restart the bot)")
    except InvalidToken:
        _debug_traceback()
        return _fail("Telegram refused TELEGRAM_BOT_TOKEN (revoked or mistyped?)", 2)
    except NetworkError as exc:
        _debug_traceback()
        return _fail(
            f"cannot reach Telegram at {settings.telegram_api_base_url}: {exc} "
            "(check this machine's network, DNS and proxy, or TELEGRAM_API_BASE_URL)"
        )
    except TelegramError as exc:
        _debug_traceback()
        return _fail(f"Telegram: {exc}")
    except Exception as exc:
        reason = explain(exc, settings.database_url)
        if reason is None and not isinstance(exc, OSError):
            raise  # not an operator's problem: a bug, with its traceback
        _debug_traceback()
        return _fail(f"database: {reason}" if reason else f"network: {exc}")
    return 0


def _debug_traceback() -> None:
    """The traceback of the failure being handled: only at LOG_LEVEL=DEBUG."""
    log.debug("the bot could not start", exc_info=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=plain(__doc__))
    sub = parser.add_subparsers(dest="command")
    sub.add_parser(
        "run", help="run the bot: long polling, or a webhook when WEBHOOK_URL is set (the default)"
    )
    sub.add_parser(
        "import-roadmap",
        help="regenerate data/roadmap.yaml from the seed Markdown and data/curation.yaml",
        add_help=False,
    )
    sub.add_parser(
        "chat", help="talk to the bot in this terminal: no token, no network", add_help=False
    )
    sub.add_parser("check", help="validate the settings and the roadmap file", add_help=False)
    sub.add_parser(
        "health",
        help="exit 0 if the bot's database (webhook mode: /healthz) answers",
        add_help=False,
    )
    args, rest = parser.parse_known_args(argv)
    if args.command == "import-roadmap":
        from bot.roadmap.importer import cli

        return cli(rest)
    if args.command == "chat":
        from bot.cli.chat import main as chat

        return chat(rest)
    if args.command == "check":
        from bot.cli.check import main as check

        return check(rest)
    if args.command == "health":
        from bot.cli.health import main as health

        return health(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return run()


def quietly(entry: Callable[[], int]) -> int:
    """Run ``entry``; a reader that went away (``| head -1``) ends it quietly, exit code 1."""
    try:
        code = entry()
        sys.stdout.flush()  # a broken pipe shows here, not at interpreter exit
    except BrokenPipeError:
        # Python would fail again flushing stdout at exit: point it at /dev/null first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    sys.exit(quietly(main))
