"""``python -m bot check``: validate the settings, the database and the roadmap file without
starting the bot.

Nothing is sent to Telegram and nothing is written to the database: a SQLite file's
directory must exist and be writable, a PostgreSQL server must answer. Every problem is
printed (to stderr) with the file, line and place it concerns; without a token everything
else is still checked. The exit code is 0 when all is well and 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings.exceptions import SettingsError
from sqlalchemy.engine import make_url

from bot.cli import plain
from bot.config import ConfigError, Settings, load_settings
from bot.db.diagnose import probe
from bot.roadmap.loader import RoadmapError, default_roadmap_path, load_roadmap
from bot.roadmap.models import Step
from bot.roadmap.summary import LanguageCounts, RoadmapSummary, summarize


class _RoadmapSetting(BaseSettings):
    """Just ``ROADMAP_PATH``, so the roadmap is checked even when other settings are broken."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    roadmap_path: Path | None = None


def _configured_roadmap() -> Path | None:
    try:
        return _RoadmapSetting().roadmap_path
    except (ValidationError, SettingsError):
        return None


def _languages(counts: LanguageCounts) -> str:
    return f"English {counts.en}, Persian {counts.fa}, untagged {counts.untagged}"


def _step_name(step: Step) -> str:
    return step.title.en if step.number is None else f"Step {step.number}: {step.title.en}"


def summary_lines(summary: RoadmapSummary) -> list[str]:
    """The roadmap in numbers, as plain text."""
    sources, prices = summary.sources, summary.prices
    lines = [
        f"{summary.steps} steps, {summary.topics} topics, {summary.resources.total} resources",
        f"by language: {_languages(summary.resources)}",
        f"by source: seed {sources.seed}, upstream {sources.upstream}, ours {sources.ours}",
        f"by price: free {prices.free}, paid {prices.paid}, unknown {prices.unknown}",
    ]
    lines += [
        f"{_step_name(c.step)}: {c.topics} topics, {c.resources} resources"
        for c in summary.per_step
    ]
    return lines


#: A token of the right shape, to check the other settings when the real one is the problem.
_STAND_IN_TOKEN = "100:" + "x" * 35


def _without_token() -> Settings | None:
    """The settings with a stand-in token: None unless the token is their only problem."""
    try:
        return load_settings(telegram_bot_token=_STAND_IN_TOKEN)
    except ConfigError:
        return None


def _show_settings(settings: Settings, *, token_ok: bool = True) -> None:
    database = make_url(settings.database_url).render_as_string(hide_password=True)
    print("settings: OK" if token_ok else "settings: OK apart from TELEGRAM_BOT_TOKEN")
    print(f"  database: {database}")
    print(f"  Bot API server: {settings.telegram_api_base_url}")
    print(f"  admins: {len(settings.admin_ids)}")
    webhook = settings.webhook
    if webhook is None:
        print("  updates: long polling")
    else:  # the secret is never printed
        print(f"  updates: webhook {webhook.url} (listening on {webhook.listen}:{webhook.port})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot check", description=plain(__doc__))
    parser.add_argument(
        "--roadmap",
        type=Path,
        metavar="PATH",
        help="the roadmap file to check (default: ROADMAP_PATH, else data/roadmap.yaml)",
    )
    args = parser.parse_args(argv)

    def problem(line: str) -> None:
        print(f"error: {line}", file=sys.stderr)

    ok = True
    token_problem: str | None = None  # set when the token is the settings' only problem
    settings: Settings | None
    try:
        settings = load_settings()
    except ConfigError as exc:
        ok = False
        problem(f"settings: {exc}")
        settings = _without_token()
        if settings is not None:
            token_problem = "missing" if "TELEGRAM_BOT_TOKEN is not set" in str(exc) else "wrong"
    if settings is None:
        configured = _configured_roadmap()
    else:
        _show_settings(settings, token_ok=token_problem is None)
        configured = settings.roadmap_path
        reason = asyncio.run(probe(settings.database_url))
        if reason is None:
            print("database: OK")
        else:
            ok = False
            token_problem = None
            problem(f"database: {reason}")
    path = args.roadmap or configured or default_roadmap_path()
    try:
        roadmap = load_roadmap(path)
    except RoadmapError as exc:
        ok = False
        problem(str(exc))
        token_problem = None
    else:
        print(f"{path}: OK")
        for line in summary_lines(summarize(roadmap)):
            print(f"  {line}")
    if token_problem == "missing":
        print("check: TELEGRAM_BOT_TOKEN is the only thing missing; everything else is fine")
    elif token_problem is not None:
        print("check: TELEGRAM_BOT_TOKEN is the only problem; everything else is fine")
    else:
        print("check: all good" if ok else "check: problems found")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
