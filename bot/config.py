"""Settings read from the environment and ``.env`` (pydantic-settings)."""

from __future__ import annotations

import ipaddress
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Self
from urllib.parse import urlsplit

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings.exceptions import SettingsError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

#: The shape of a BotFather token: the bot's numeric id, a colon, a 35-character secret.
TOKEN_PATTERN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
_PLACEHOLDERS = {"changeme", "your-token-here", "123456:abc"}

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///roadmap-bot.sqlite3"
DEFAULT_API_BASE_URL = "https://api.telegram.org"

# --- webhook mode: Telegram posts updates to the bot's own web server ---------------------
#: What Telegram accepts as a webhook secret token.
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
#: The only ports Telegram's own Bot API server posts webhooks to.
TELEGRAM_WEBHOOK_PORTS = frozenset({80, 88, 443, 8443})
#: The path the webhook server answers health checks on.
HEALTH_PATH = "/healthz"
#: The path metrics are served on (the webhook server's, and METRICS_PORT's).
METRICS_PATH = "/metrics"
#: Paths the webhook server answers itself: never the path updates are posted to.
RESERVED_PATHS = (HEALTH_PATH, METRICS_PATH)


@dataclass(frozen=True)
class WebhookSettings:
    """Webhook mode, resolved: where Telegram posts and where the bot listens."""

    url: str
    listen: str
    port: int
    path: str
    secret: str


def _check_webhook_url(value: str, api_base_url: str | None) -> str:
    """Validate the public webhook URL (https; plain http only for a self-hosted Bot API)."""
    value = value.strip()
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ValueError("is not a valid URL") from None
    if not parts.hostname or re.search(r"\s", value) or parts.fragment:
        raise ValueError("must be a URL like https://bot.example.com/telegram")
    official = api_base_url in (None, DEFAULT_API_BASE_URL)
    if parts.scheme != "https" and not (parts.scheme == "http" and not official):
        raise ValueError("must be an https:// URL (Telegram posts updates only over HTTPS)")
    if parts.path in RESERVED_PATHS:
        raise ValueError(
            f"must not have the path {parts.path} (the webhook server answers it itself)"
        )
    if official and port is not None and port not in TELEGRAM_WEBHOOK_PORTS:
        raise ValueError("must use port 443, 80, 88 or 8443 (the only ones Telegram posts to)")
    return value


# --- end webhook mode ---------------------------------------------------------------------


def _check_host(value: str) -> str:
    """An address to listen on: an IP address or a host name."""
    value = value.strip()
    try:
        ipaddress.ip_address(value)
    except ValueError:
        if not re.fullmatch(r"[A-Za-z0-9.-]{1,253}", value):
            raise ValueError(
                "must be an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0"
            ) from None
    return value


class DatabaseSettings(BaseSettings):
    """Just the database URL: enough for ``alembic`` and the data-layer tools."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_url: str = DEFAULT_DATABASE_URL
    #: PostgreSQL's password, given on its own: put into DATABASE_URL (which then has
    #: none) quoted, so any character works without percent-encoding (docker compose).
    database_password: SecretStr | None = None

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        value = value.strip()
        if value.startswith("sqlite://"):
            value = value.replace("sqlite://", "sqlite+aiosqlite://", 1)
        elif value.startswith(("postgres://", "postgresql://")):
            value = "postgresql+asyncpg://" + value.split("://", 1)[1]
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "must be sqlite+aiosqlite:///path.sqlite3 or postgresql+asyncpg://user@host/db"
            )
        return value

    @field_validator("database_password")
    @classmethod
    def _database_password(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        url = info.data.get("database_url")
        if url is None:  # DATABASE_URL itself is invalid: that is the error to report
            return value
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise ValueError("needs a valid DATABASE_URL") from None
        if parsed.get_backend_name() != "postgresql":
            raise ValueError("is only for PostgreSQL (DATABASE_URL is not a PostgreSQL URL)")
        if parsed.password is not None:
            raise ValueError("is set and DATABASE_URL has a password too: keep only one")
        return value

    @model_validator(mode="after")
    def _password_into_url(self) -> Self:
        if self.database_password is not None:
            url = make_url(self.database_url).set(
                password=self.database_password.get_secret_value()
            )
            self.database_url = url.render_as_string(hide_password=False)
        return self


class Settings(DatabaseSettings):
    """Everything an operator can configure; see ``.env.example``."""

    telegram_bot_token: SecretStr
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    roadmap_path: Path | None = None
    #: Where long polling keeps its status for ``python -m bot health`` (default: the
    #: system's temporary directory, one file per bot id).
    health_file: Path | None = None
    #: Telegram ids allowed to use the admin commands (comma-separated in the environment).
    admin_ids: Annotated[list[int], NoDecode, Field(default_factory=list)]
    #: Outgoing messages per second, all chats together. Telegram allows about 30; a
    #: little less keeps network jitter from ever showing it 31 in one second
    #: (benchmarks: 28.7 gives 95% of the limit and no 429s).
    rate_limit_per_second: Annotated[float, Field(gt=0, le=1000)] = 28.7
    #: The most of that budget nudges may use (at most 8 wait for it at once, so
    #: interactive replies are served in between even during a large fan-out).
    nudge_rate_per_second: Annotated[float, Field(gt=0, le=1000)] = 28.7
    #: Learners who studied within this many days are not nudged that week.
    nudge_quiet_days: Annotated[float, Field(ge=0, le=7)] = 3.0
    #: How often the dispatcher asks the database who is due (0 disables nudges).
    nudge_check_seconds: Annotated[float, Field(ge=0, le=3600)] = 60.0
    #: Learners claimed per database round trip.
    nudge_batch_size: Annotated[int, Field(ge=1, le=10_000)] = 200
    #: How long a dispatcher owns claimed learners; after a crash they are due again.
    nudge_lease_seconds: Annotated[float, Field(gt=0, le=86_400)] = 300.0
    #: Send nudges with Telegram's paid broadcast allowance (``allow_paid_broadcast``): up
    #: to 1,000 messages a second instead of 30, for 0.1 Telegram Stars per message beyond
    #: the free limits, from the bot's balance. Only nudges; interactive replies stay on
    #: the free budget. When on, NUDGE_RATE_PER_SECOND does not apply to nudges.
    nudge_paid_broadcast: bool = False

    # --- webhook mode: set WEBHOOK_URL to switch from long polling -----------------------
    #: The public https URL Telegram posts updates to (unset: long polling).
    webhook_url: str | None = None
    #: The address and port the webhook server listens on.
    webhook_listen: str = "0.0.0.0"
    webhook_port: Annotated[int, Field(ge=1, le=65_535)] = 8080
    #: The local path updates are posted to; default: the path of WEBHOOK_URL.
    webhook_path: str | None = None
    #: Telegram sends it in X-Telegram-Bot-Api-Secret-Token; required in webhook mode.
    webhook_secret: SecretStr | None = Field(default=None, validate_default=True)
    # --- end webhook mode -----------------------------------------------------------------

    #: A port of its own for GET /metrics (unset: none; in webhook mode the webhook server
    #: answers GET /metrics too), on METRICS_LISTEN (default: this machine only).
    metrics_port: Annotated[int | None, Field(ge=1, le=65_535)] = None
    metrics_listen: str = "127.0.0.1"

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value().strip()
        if not token or token.lower() in _PLACEHOLDERS:
            raise ValueError("is empty or a placeholder; paste the token BotFather gave you")
        if not TOKEN_PATTERN.match(token):
            raise ValueError(
                "does not look like a BotFather token (expected '<digits>:<35 characters>')"
            )
        return SecretStr(token)

    @field_validator("telegram_api_base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http:// or https:// URL, e.g. https://api.telegram.org")
        return value

    # --- webhook mode: validation, and the resolved settings -----------------------------
    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or not value.strip():
            return None
        return _check_webhook_url(value, info.data.get("telegram_api_base_url"))

    @field_validator("webhook_listen", "metrics_listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        return _check_host(value)

    @field_validator("metrics_port", mode="before")
    @classmethod
    def _metrics_port_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("metrics_port")
    @classmethod
    def _metrics_port(cls, value: int | None, info: ValidationInfo) -> int | None:
        webhook = info.data.get("webhook_url") and info.data.get("webhook_secret")
        if value is not None and webhook and value == info.data.get("webhook_port"):
            raise ValueError(
                f"must differ from WEBHOOK_PORT (the webhook server answers GET {METRICS_PATH})"
            )
        return value

    @field_validator("webhook_path")
    @classmethod
    def _webhook_path(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if not re.fullmatch(r"/[A-Za-z0-9._~/-]*", value) or value in RESERVED_PATHS:
            raise ValueError(
                f"must be a path like /telegram (and not {' or '.join(RESERVED_PATHS)})"
            )
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        secret = value.get_secret_value().strip() if value is not None else ""
        if not secret:
            if info.data.get("webhook_url"):
                raise ValueError(
                    "is required when WEBHOOK_URL is set "
                    "(1-256 characters: letters, digits, _ and -)"
                )
            return None
        if not WEBHOOK_SECRET_PATTERN.match(secret):
            raise ValueError("must be 1-256 characters, each a letter, a digit, _ or -")
        return SecretStr(secret)

    @property
    def webhook(self) -> WebhookSettings | None:
        """Webhook mode's settings, or None for long polling."""
        if not self.webhook_url or self.webhook_secret is None:
            return None
        path = self.webhook_path or urlsplit(self.webhook_url).path or "/"
        return WebhookSettings(
            url=self.webhook_url,
            listen=self.webhook_listen,
            port=self.webhook_port,
            path=path,
            secret=self.webhook_secret.get_secret_value(),
        )

    # --- end webhook mode -----------------------------------------------------------------

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, int):
            return [value]
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def token(self) -> str:
        return self.telegram_bot_token.get_secret_value()

    @property
    def health_path(self) -> Path:
        """HEALTH_FILE, or a file in the temporary directory named for the bot's id."""
        if self.health_file is not None:
            return self.health_file
        bot_id = self.token.split(":", 1)[0]
        return Path(tempfile.gettempdir()) / f"roadmap-bot-{bot_id}.health.json"


class ConfigError(Exception):
    """Settings are missing or malformed; the message is one line per problem."""


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning validation errors into a short, token-free ``ConfigError``."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for err in exc.errors(include_input=False, include_url=False):
            name = ".".join(str(p) for p in err["loc"]).upper() or "settings"
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "missing":
                message = "is not set (put it in the environment or in .env)"
            lines.append(f"{name} {message}")
        raise ConfigError("; ".join(lines)) from None
    except SettingsError as exc:
        raise ConfigError(str(exc)) from None
