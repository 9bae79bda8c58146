"""``python -m bot health``: exit 0 when the bot is healthy, 1 otherwise (a Docker HEALTHCHECK).

Long polling: the bot's status file (HEALTH_FILE) does not say polling stopped, and a
getUpdates was answered within the last two minutes; and the database answers ``SELECT 1``.
No status file yet (the bot has not started polling): the database alone decides.
Webhook mode: the running bot's own ``GET /healthz`` on this machine answers 200 (it
checks the database itself).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

import aiohttp

from bot.cli import plain
from bot.config import HEALTH_PATH, ConfigError, WebhookSettings, load_settings
from bot.runtime.health import DATABASE_TIMEOUT, check_database_url
from bot.runtime.logs import setup_logging
from bot.runtime.polling import polling_problem, read_status

#: How long the local /healthz may take (it waits up to DATABASE_TIMEOUT for the database).
HTTP_TIMEOUT = DATABASE_TIMEOUT + 2.0
_ANY_ADDRESS = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


def health_url(hook: WebhookSettings) -> str:
    """The local URL of the running bot's health check."""
    host = _ANY_ADDRESS.get(hook.listen, hook.listen)
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{hook.port}{HEALTH_PATH}"


async def check_webhook_server(url: str) -> str | None:
    """GET the bot's /healthz; None when it answers 200, else a short reason."""
    try:
        timeout = aiohttp.ClientTimeout(total=HTTP_TIMEOUT)
        async with aiohttp.ClientSession(timeout=timeout) as session, session.get(url) as response:
            if response.status == 200:
                return None
            body = await response.json(content_type=None)
            reason = body.get("database") if isinstance(body, dict) else None
            return f"HTTP {response.status}" + (f", database: {reason}" if reason else "")
    except TimeoutError:
        return "the webhook server did not answer in time"
    except (aiohttp.ClientError, ValueError) as exc:
        return f"the webhook server did not answer ({type(exc).__name__})"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot health", description=plain(__doc__))
    parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"health: configuration: {exc}", file=sys.stderr)
        return 1  # never 2: Docker reserves it
    hook = settings.webhook
    secrets = [settings.token] + ([hook.secret] if hook is not None else [])
    setup_logging("ERROR", settings.log_format, secrets=secrets)
    note = ""
    if hook is not None:
        reason = asyncio.run(check_webhook_server(health_url(hook)))
    else:
        status = read_status(settings.health_path)
        reason = None if status is None else polling_problem(status, time.time())
        if status is None:
            note = f" (long polling has not started yet: no {settings.health_path})"
        if reason is None:
            reason = asyncio.run(check_database_url(settings.database_url))
    if reason is None:
        print(f"health: ok{note}")
        return 0
    print(f"health: unavailable: {reason}", file=sys.stderr)
    return 1
