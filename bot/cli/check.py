"""``python -m bot check``: validate the settings and the roadmap file without starting the bot.

Nothing is sent to Telegram and nothing is written to the database. Every problem is
printed (to stderr) with the file, line and place it concerns; the exit code is 0 when
all is well and 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings.exceptions import SettingsError
from sqlalchemy.engine import make_url

from bot.config import ConfigError, Settings, load_settings
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


def _show_settings(settings: Settings) -> None:
    database = make_url(settings.database_url).render_as_string(hide_password=True)
    print("settings: OK")
    print(f"  database: {database}")
    print(f"  Bot API server: {settings.telegram_api_base_url}")
    print(f"  admins: {len(settings.admin_ids)}")
    webhook = settings.webhook
    if webhook is None:
        print("  updates: long polling")
    else:  # the secret is never printed
        print(f"  updates: webhook {webhook.url} (listening on {webhook.listen}:{webhook.port})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot check", description=__doc__)
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
    try:
        settings = load_settings()
    except ConfigError as exc:
        ok = False
        problem(f"settings: {exc}")
        configured = _configured_roadmap()
    else:
        _show_settings(settings)
        configured = settings.roadmap_path
    path = args.roadmap or configured or default_roadmap_path()
    try:
        roadmap = load_roadmap(path)
    except RoadmapError as exc:
        ok = False
        problem(str(exc))
    else:
        print(f"{path}: OK")
        for line in summary_lines(summarize(roadmap)):
            print(f"  {line}")
    print("check: all good" if ok else "check: problems found")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
