"""``python -m bot check``: settings and roadmap validated, problems located, exit 0 or 1."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from bot.cli.check import main
from bot.roadmap.loader import default_roadmap_path
from bot.roadmap.models import Language, Origin, Price, Roadmap
from tests.conftest import TEST_TOKEN
from tests.databases import POSTGRES_ADMIN_URL, postgres_reachable

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


def test_without_a_token_everything_else_is_checked_and_the_token_named_the_only_gap(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    monkeypatch.setenv("ADMIN_IDS", "1,2")
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "error: settings: TELEGRAM_BOT_TOKEN is not set (put it in the environment or in .env)"
    ]
    assert "settings: OK apart from TELEGRAM_BOT_TOKEN" in out and "admins: 2" in out
    assert "database: OK" in out and "roadmap.yaml: OK" in out
    assert out.rstrip().endswith(
        "check: TELEGRAM_BOT_TOKEN is the only thing missing; everything else is fine"
    )


def test_without_a_token_other_problems_are_still_found(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN")
    monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:////nonexistent/dir/x.sqlite3")
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert "TELEGRAM_BOT_TOKEN is not set" in err and "/nonexistent/dir" in err
    assert out.rstrip().endswith("check: problems found")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        pytest.param("/nonexistent/dir/x.sqlite3", "does not exist", id="missing-directory"),
        pytest.param("{tmp}/file/x.sqlite3", "is not a directory", id="under-a-file"),
        pytest.param("{tmp}", "is a directory", id="a-directory"),
    ],
)
def test_a_sqlite_path_the_bot_cannot_write_fails_the_check(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    path: str,
    reason: str,
) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:///" + path.format(tmp=tmp_path))
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert "error: database: cannot use the SQLite file" in err and reason in err
    assert "DATABASE_URL" in err and out.rstrip().endswith("check: problems found")
    assert not list(tmp_path.glob("*.sqlite3*"))  # nothing created


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only directory")
def test_a_read_only_sqlite_directory_fails_the_check(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{folder / 'x.sqlite3'}")
    try:
        assert main([]) == 1
    finally:
        folder.chmod(0o755)
    assert "not writable" in capsys.readouterr().err


def test_an_unreachable_database_server_fails_the_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:s3cret@127.0.0.1:9/roadmap")
    assert main([]) == 1
    out, err = capsys.readouterr()
    assert "error: database: cannot connect to PostgreSQL at 127.0.0.1:9" in err
    assert "s3cret" not in out + err and out.rstrip().endswith("check: problems found")


@pytest.mark.postgres
async def test_a_missing_postgres_database_fails_the_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not await postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    monkeypatch.setenv("DATABASE_URL", f"{base}/no_such_roadmap_db")
    assert await asyncio.to_thread(main, []) == 1
    assert 'no database "no_such_roadmap_db"' in capsys.readouterr().err


@pytest.mark.postgres
async def test_an_existing_postgres_database_passes_the_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not await postgres_reachable():
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")
    monkeypatch.setenv("DATABASE_URL", POSTGRES_ADMIN_URL)
    assert await asyncio.to_thread(main, []) == 0
    assert "database: OK" in capsys.readouterr().out


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
    assert main([]) == 1  # db.example does not answer
    out, err = capsys.readouterr()
    assert "database: postgresql+asyncpg://bot:***@db.example/roadmap" in out
    assert "error: database: cannot connect to PostgreSQL at db.example:5432" in err
    assert "s3cret" not in out + err and "admins: 2" in out
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
