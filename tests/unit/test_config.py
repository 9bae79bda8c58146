"""Settings from the environment: clear, token-free errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from bot.config import DEFAULT_DATABASE_URL, ConfigError, DatabaseSettings, load_settings
from tests.conftest import TEST_TOKEN


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "DATABASE_URL",
        "DATABASE_PASSWORD",
        "TELEGRAM_API_BASE_URL",
        "ADMIN_IDS",
        "LOG_LEVEL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    settings = load_settings()
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.telegram_api_base_url == "https://api.telegram.org"
    assert settings.token == TEST_TOKEN
    assert TEST_TOKEN not in repr(settings)


def test_dotenv_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={TEST_TOKEN}\nDATABASE_URL=sqlite:///x.sqlite3\nADMIN_IDS=1, 2\n"
    )
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///x.sqlite3"
    assert settings.admin_ids == [1, 2]


def test_missing_token_is_one_clear_line() -> None:
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value) == "TELEGRAM_BOT_TOKEN is not set (put it in the environment or in .env)"


@pytest.mark.parametrize(
    "token", ["", "changeme", "12345", "abc:def", "123:short", TEST_TOKEN + " x"]
)
def test_malformed_token_is_refused_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert "TELEGRAM_BOT_TOKEN" in str(err.value)
    assert "\n" not in str(err.value)
    if len(token) > 5:
        assert token not in str(err.value)


@pytest.mark.parametrize(
    ("given_url", "expected"),
    [
        ("postgres://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("sqlite:///a.sqlite3", "sqlite+aiosqlite:///a.sqlite3"),
    ],
)
def test_database_urls_are_normalised(
    monkeypatch: pytest.MonkeyPatch, given_url: str, expected: str
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("DATABASE_URL", given_url)
    assert load_settings().database_url == expected


def test_unsupported_database_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("DATABASE_URL", "mysql://x")
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        load_settings()


def test_api_base_url_trailing_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/")
    assert load_settings().telegram_api_base_url == "http://127.0.0.1:8081"


@given(
    token=st.text(max_size=80),
    admin_ids=st.text(max_size=30),
    base_url=st.text(max_size=40),
)
def test_any_environment_gives_settings_or_config_error(
    token: str, admin_ids: str, base_url: str
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        for name, value in (
            ("TELEGRAM_BOT_TOKEN", token),
            ("ADMIN_IDS", admin_ids),
            ("TELEGRAM_API_BASE_URL", base_url),
        ):
            if "\x00" in value:
                return
            mp.setenv(name, value)
        try:
            load_settings()
        except ConfigError as exc:
            if len(token.strip()) > 8:
                assert token.strip() not in str(exc)


def test_nudge_paid_broadcast_is_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.delenv("NUDGE_PAID_BROADCAST", raising=False)
    assert load_settings().nudge_paid_broadcast is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("1", True), ("yes", True), ("false", False), ("0", False), ("off", False)],
)
def test_nudge_paid_broadcast_parses(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("NUDGE_PAID_BROADCAST", value)
    assert load_settings().nudge_paid_broadcast is expected


def test_nudge_paid_broadcast_refuses_anything_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("NUDGE_PAID_BROADCAST", "maybe")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value).startswith("NUDGE_PAID_BROADCAST ")
    assert "\n" not in str(err.value)


# --- DATABASE_PASSWORD: PostgreSQL's password on its own (docker compose) ------------------
COMPOSE_URL = "postgresql+asyncpg://roadmap@postgres:5432/roadmap"


@pytest.mark.parametrize("password", ["p@ss:w/rd", "a%40b", "x?y#z&=+ ;'\"", "пароль", "$$"])
def test_database_password_is_quoted_into_the_url(
    monkeypatch: pytest.MonkeyPatch, password: str
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("DATABASE_URL", COMPOSE_URL)
    monkeypatch.setenv("DATABASE_PASSWORD", password)
    url = make_url(load_settings().database_url)
    assert (url.username, url.password, url.host, url.port, url.database) == (
        "roadmap",
        password,
        "postgres",
        5432,
        "roadmap",
    )
    assert make_url(DatabaseSettings().database_url).password == password  # alembic's view


def test_database_password_from_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        f"TELEGRAM_BOT_TOKEN={TEST_TOKEN}\nDATABASE_URL={COMPOSE_URL}\n"
        "DATABASE_PASSWORD=p@ss:w/rd\n"
    )
    assert make_url(load_settings().database_url).password == "p@ss:w/rd"


@given(password=st.text(min_size=1, max_size=40).filter(lambda p: "\x00" not in p))
def test_any_database_password_round_trips(password: str) -> None:
    settings = DatabaseSettings(database_url=COMPOSE_URL, database_password=password)
    assert make_url(settings.database_url).password == password


def test_empty_database_password_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("DATABASE_URL", COMPOSE_URL)
    monkeypatch.setenv("DATABASE_PASSWORD", "")
    assert load_settings().database_url == COMPOSE_URL


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("sqlite+aiosqlite:///x.sqlite3", "only for PostgreSQL"),
        ("postgresql+asyncpg://roadmap:old@postgres/roadmap", "keep only one"),
    ],
)
def test_database_password_conflicts_are_one_line(
    monkeypatch: pytest.MonkeyPatch, url: str, problem: str
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DATABASE_PASSWORD", "s3cret-pw")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value).startswith("DATABASE_PASSWORD ")
    assert problem in str(err.value)
    assert "s3cret-pw" not in str(err.value)


def test_metrics_port_is_off_by_default_and_local_when_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    settings = load_settings()
    assert (settings.metrics_port, settings.metrics_listen) == (None, "127.0.0.1")
    monkeypatch.setenv("METRICS_PORT", "")
    assert load_settings().metrics_port is None
    monkeypatch.setenv("METRICS_PORT", "9100")
    assert load_settings().metrics_port == 9100


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("METRICS_PORT", "0", "METRICS_PORT "),
        ("METRICS_PORT", "70000", "METRICS_PORT "),
        ("METRICS_PORT", "prometheus", "METRICS_PORT "),
        ("METRICS_LISTEN", "not an address", "METRICS_LISTEN must be an IP address"),
    ],
)
def test_bad_metrics_settings_are_one_line(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, problem: str
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value).startswith(problem) and "\n" not in str(err.value)


def test_webhook_mode_keeps_metrics_off_its_port_and_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/telegram")
    monkeypatch.setenv("WEBHOOK_SECRET", "s" * 32)
    monkeypatch.setenv("WEBHOOK_PORT", "8080")
    monkeypatch.setenv("METRICS_PORT", "8080")
    with pytest.raises(ConfigError, match=r"^METRICS_PORT must differ from WEBHOOK_PORT"):
        load_settings()
    monkeypatch.setenv("METRICS_PORT", "9100")
    assert load_settings().metrics_port == 9100
    monkeypatch.setenv("WEBHOOK_PATH", "/metrics")
    with pytest.raises(ConfigError, match=r"^WEBHOOK_PATH must be a path like /telegram"):
        load_settings()
    monkeypatch.delenv("WEBHOOK_PATH")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/metrics")
    with pytest.raises(ConfigError, match=r"^WEBHOOK_URL must not have the path /metrics"):
        load_settings()
