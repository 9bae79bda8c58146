"""`.env.example`, used as the README says (`cp .env.example .env`, `docker run --env-file .env`),
keeps each place's own database default and gives valid settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATABASE_URL, load_settings
from tests.conftest import TEST_TOKEN

ROOT = Path(__file__).resolve().parents[2]


def env_file_values(path: Path) -> dict[str, str]:
    """What `docker run --env-file` sets: every KEY=VALUE line, the value taken verbatim."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, value = line.partition("=")
        assert sep, f"not KEY=VALUE: {line!r}"
        values[name.strip()] = value
    return values


def image_database_url() -> str:
    match = re.search(r"DATABASE_URL=(\S+)", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    assert match, "the Dockerfile sets no DATABASE_URL"
    return match.group(1)


@pytest.fixture
def example() -> dict[str, str]:
    values = env_file_values(ROOT / ".env.example")
    values["TELEGRAM_BOT_TOKEN"] = TEST_TOKEN
    return values


def test_env_example_leaves_the_database_to_each_place() -> None:
    assert "DATABASE_URL" not in env_file_values(ROOT / ".env.example")


def test_env_file_keeps_the_image_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, example: dict[str, str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", image_database_url())  # the image's ENV
    for name, value in example.items():  # --env-file overrides the image's ENV
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert settings.database_url == image_database_url()
    assert settings.database_url.startswith("sqlite+aiosqlite:////data/")
    assert settings.webhook is None


def test_dotenv_copy_keeps_the_local_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, example: dict[str, str]
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    (tmp_path / ".env").write_text(f"{text}\nTELEGRAM_BOT_TOKEN={TEST_TOKEN}\n", encoding="utf-8")
    for name in example:
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.database_url == DEFAULT_DATABASE_URL
