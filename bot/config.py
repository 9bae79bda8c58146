"""Settings read from the environment and ``.env`` (pydantic-settings)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings.exceptions import SettingsError

#: The shape of a BotFather token: the bot's numeric id, a colon, a 35-character secret.
TOKEN_PATTERN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
_PLACEHOLDERS = {"changeme", "your-token-here", "123456:abc"}

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///roadmap-bot.sqlite3"
DEFAULT_API_BASE_URL = "https://api.telegram.org"


class DatabaseSettings(BaseSettings):
    """Just the database URL: enough for ``alembic`` and the data-layer tools."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_url: str = DEFAULT_DATABASE_URL

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


class Settings(DatabaseSettings):
    """Everything an operator can configure; see ``.env.example``."""

    telegram_bot_token: SecretStr
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    roadmap_path: Path | None = None
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
