"""Webhook settings: WEBHOOK_URL switches the mode; the secret is required, checked, hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, WebhookSettings, load_settings
from tests.conftest import TEST_TOKEN

SECRET = "s3cret_Value-" + "x" * 20


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (
        "DATABASE_URL",
        "TELEGRAM_API_BASE_URL",
        "WEBHOOK_URL",
        "WEBHOOK_LISTEN",
        "WEBHOOK_PORT",
        "WEBHOOK_PATH",
        "WEBHOOK_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TEST_TOKEN)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_no_webhook_url_means_long_polling() -> None:
    settings = load_settings()
    assert settings.webhook is None
    assert settings.webhook_listen == "0.0.0.0" and settings.webhook_port == 8080


def test_webhook_mode_with_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/telegram")
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    settings = load_settings()
    assert settings.webhook == WebhookSettings(
        url="https://bot.example.com/telegram",
        listen="0.0.0.0",
        port=8080,
        path="/telegram",
        secret=SECRET,
    )
    assert SECRET not in repr(settings)


def test_webhook_mode_from_dotenv_with_every_setting(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "WEBHOOK_URL=https://bot.example.com:8443\n"
        f"WEBHOOK_SECRET={SECRET}\n"
        "WEBHOOK_LISTEN=127.0.0.1\n"
        "WEBHOOK_PORT=9000\n"
        "WEBHOOK_PATH=/hook/in\n"
    )
    hook = load_settings().webhook
    assert hook is not None
    assert (hook.url, hook.listen, hook.port, hook.path) == (
        "https://bot.example.com:8443",
        "127.0.0.1",
        9000,
        "/hook/in",
    )


def test_a_url_without_a_path_is_served_at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com")
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    hook = load_settings().webhook
    assert hook is not None and hook.path == "/"


def test_missing_secret_in_webhook_mode_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/telegram")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value) == (
        "WEBHOOK_SECRET is required when WEBHOOK_URL is set "
        "(1-256 characters: letters, digits, _ and -)"
    )


@pytest.mark.parametrize("secret", ["has space", "semi;colon", "ünïcode", "x" * 257, "a/b"])
def test_bad_secret_is_refused_without_echoing_it(
    monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/telegram")
    monkeypatch.setenv("WEBHOOK_SECRET", secret)
    with pytest.raises(ConfigError) as err:
        load_settings()
    message = str(err.value)
    assert message == "WEBHOOK_SECRET must be 1-256 characters, each a letter, a digit, _ or -"
    assert secret not in message


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://bot.example.com/telegram", "must be an https:// URL"),
        ("ftp://bot.example.com/telegram", "must be an https:// URL"),
        ("bot.example.com/telegram", "must be a URL like"),
        ("https:///telegram", "must be a URL like"),
        ("https://bot.example.com/tele gram", "must be a URL like"),
        ("https://bot.example.com:8080/telegram", "must use port 443, 80, 88 or 8443"),
        ("https://bot.example.com:99999/telegram", "is not a valid URL"),
        ("https://bot.example.com/healthz", "must not have the path /healthz"),
    ],
)
def test_bad_url_is_one_line(monkeypatch: pytest.MonkeyPatch, url: str, problem: str) -> None:
    monkeypatch.setenv("WEBHOOK_URL", url)
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    with pytest.raises(ConfigError) as err:
        load_settings()
    message = str(err.value)
    assert message.startswith("WEBHOOK_URL ") and problem in message
    assert "\n" not in message and SECRET not in message


def test_plain_http_and_any_port_are_allowed_for_a_self_hosted_bot_api(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("WEBHOOK_URL", "http://127.0.0.1:8080/telegram")
    with pytest.raises(ConfigError, match="must be an https:// URL"):
        load_settings()  # Telegram's own servers
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://bot-api:8081")
    monkeypatch.setenv("WEBHOOK_URL", "http://bot:8080/telegram")
    hook = load_settings().webhook
    assert hook is not None and hook.url == "http://bot:8080/telegram"


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("WEBHOOK_PORT", "0", "WEBHOOK_PORT "),
        ("WEBHOOK_PORT", "70000", "WEBHOOK_PORT "),
        ("WEBHOOK_PORT", "http", "WEBHOOK_PORT "),
        ("WEBHOOK_LISTEN", "not an address", "WEBHOOK_LISTEN must be an IP address"),
        ("WEBHOOK_PATH", "telegram", "WEBHOOK_PATH must be a path like /telegram"),
        ("WEBHOOK_PATH", "/healthz", "WEBHOOK_PATH must be a path like /telegram"),
        ("WEBHOOK_PATH", "/a b", "WEBHOOK_PATH must be a path like /telegram"),
    ],
)
def test_bad_listen_port_or_path(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, problem: str
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/telegram")
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert str(err.value).startswith(problem) and "\n" not in str(err.value)


def test_a_secret_without_a_url_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    assert load_settings().webhook is None
