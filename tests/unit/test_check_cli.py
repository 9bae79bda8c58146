"""``python -m bot check``: settings and roadmap validated, problems located, exit 0 or 1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.cli.check import main
from bot.roadmap.loader import default_roadmap_path
from bot.roadmap.models import Language, Origin, Price, Roadmap
from tests.conftest import TEST_TOKEN

GOOD = default_roadmap_path().read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A clean environment with a token, in a directory without .env."""
    for name in os.environ:
        if name.startswith(("TELEGRAM_", "DATABASE_", "ROADMAP_", "ADMIN_", "LOG_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.chdir(tmp_path)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_valid_settings_and_roadmap_print_a_summary(
    capsys: pytest.CaptureFixture[str], roadmap: Roadmap
) -> None:
    assert main([]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "settings: OK" in out and TEST_TOKEN not in out
    resources = list(roadmap.resources())
    topics = sum(len(s.topics) for s in roadmap.steps)
    assert f"5 steps, {topics} topics, {len(resources)} resources" in out
    english = sum(r.language is Language.EN for r in resources)
    persian = sum(r.language is Language.FA for r in resources)
    assert f"by language: English {english}, Persian {persian}, untagged 1" in out
    ours = sum(r.source is Origin.OURS for r in resources)
    upstream = len(resources) - 29 - ours
    assert f"by source: seed 29, upstream {upstream}, ours {ours}" in out
    free = sum(r.price is Price.FREE for r in resources)
    paid = sum(r.price is Price.PAID for r in resources)
    unknown = len(resources) - free - paid
    assert f"by price: free {free}, paid {paid}, unknown {unknown}" in out
    assert "Step 0: Prerequisites: 3 topics, 20 resources" in out
    assert "Hands-on Experience: " in out
    assert out.rstrip().endswith("check: all good")


def test_a_missing_token_is_a_problem_but_the_roadmap_is_still_checked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert "error: settings: TELEGRAM_BOT_TOKEN is not set" in err
    assert "roadmap.yaml: OK" in out and "by source: seed 29" in out


def test_settings_come_from_dotenv_and_passwords_are_hidden(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={TEST_TOKEN}\n"
        "DATABASE_URL=postgresql://bot:s3cret@db.example/roadmap\n"
        "ADMIN_IDS=1,2\n",
        encoding="utf-8",
    )
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "database: postgresql+asyncpg://bot:***@db.example/roadmap" in out
    assert "s3cret" not in out and "admins: 2" in out
    assert "updates: long polling" in out


def test_webhook_mode_is_reported_without_its_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/telegram")
    monkeypatch.setenv("WEBHOOK_SECRET", "hush-hush_42")
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "updates: webhook https://bot.example.org/telegram (listening on 0.0.0.0:8080)" in out
    assert "hush-hush_42" not in out


BROKEN = [
    pytest.param(
        "title: Grokking Algorithms by Aditya Bhargava\n",
        "title: Grokking: Algorithms\n",
        "title: Grokking: Algorithms",
        "",
        "YAML syntax error: mapping values are not allowed here",
        id="bad-yaml",
    ),
    pytest.param(
        "            kind: book\n            language: en\n",
        "            language: en\n",
        "- id: grokking-algorithms",
        "steps[0].topics[0].resources[0]",
        "missing field 'kind'",
        id="missing-field",
    ),
    pytest.param(
        "- id: cracking-interview\n",
        "- id: grokking-algorithms\n",
        "- id: grokking-algorithms",  # the second one (see below)
        "steps[0].topics[0].resources[1].id",
        "duplicate resource id 'grokking-algorithms'",
        id="duplicate-id",
    ),
    pytest.param(
        "url: https://www.hackerrank.com/\n",
        "url: https://leetcode.com/\n",
        "url: https://leetcode.com/",  # the second one
        "steps[0].topics[0].resources[6].url",
        "the same URL as resource 'leetcode': https://leetcode.com/",
        id="duplicate-url",
    ),
    pytest.param(
        "url: https://leetcode.com/\n",
        "url: leetcode dot com\n",
        "url: leetcode dot com",
        "steps[0].topics[0].resources[5].url",
        "invalid URL 'leetcode dot com'",
        id="bad-url",
    ),
]


@pytest.mark.parametrize(("old", "new", "at", "place", "message"), BROKEN)
def test_a_broken_roadmap_is_reported_with_file_line_and_place(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    at: str,
    place: str,
    message: str,
) -> None:
    assert GOOD.count(old) >= 1
    text = GOOD.replace(old, new, 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")

    assert main(["--roadmap", str(broken)]) == 1
    out, err = capsys.readouterr()
    lines = [n for n, line in enumerate(text.splitlines(), 1) if at in line]
    line = lines[-1]  # for a duplicate id or URL: where it repeats
    where = f"{broken}:{line}: {place}: " if place else f"{broken}:{line}: "
    assert where + message in err, err
    assert "settings: OK" in out and "check: problems found" in out


def test_roadmap_path_setting_is_used_even_when_settings_are_broken(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.yaml"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "changeme")
    monkeypatch.setenv("ROADMAP_PATH", str(missing))
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN is empty or a placeholder" in err
    assert f"{missing}: file not found" in err
