"""Typed settings, read once from the environment by the composition root (nothing else does)."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SettingsError(Exception):
    """A setting has a value we cannot use; the message names it."""


class Settings(BaseSettings):
    """Everything the shell can be told from outside."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_url: str = Field(default="https://api.telegram.org/bot", alias="TELEGRAM_API_URL")
    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    home: Path = Field(default=Path("var"), alias="BACKCOACH_HOME")
    data_dir: Path | None = Field(default=None, alias="BACKCOACH_DATA_DIR")
    # The screen's fitted readers, kept between starts (bot/reader_cache.py); "" keeps none.
    cache_dir: Path | None = Field(default=Path("~/.cache/backcoach"), alias="BACKCOACH_CACHE_DIR")
    time_scale: float = Field(default=1.0, alias="BACKCOACH_TIME_SCALE", gt=0)
    tick_seconds: float = Field(default=2.0, alias="BACKCOACH_TICK_SECONDS", gt=0)
    send_rate: float = Field(default=30.0, alias="BACKCOACH_SEND_RATE", gt=0, le=1000)
    log_level: str = Field(default="INFO", alias="BACKCOACH_LOG_LEVEL")
    # A claimed due event or inbox update whose process died is taken up again after this long.
    claim_timeout: float = Field(default=600.0, alias="BACKCOACH_CLAIM_TIMEOUT", gt=0)
    # A due message Telegram did not take is tried again after 10 s, doubling up to this many
    # seconds: once Telegram is back after an outage, every follow-up is asked within it.
    send_retry_most: float = Field(default=300.0, alias="BACKCOACH_SEND_RETRY_MOST", gt=0)
    # Requests to the Bot API in flight at once (sends, edits, answers; polling has its own). More
    # wait their turn; see bot.telegram.app.BotApiRequest for why the default is small.
    bot_api_connections: int = Field(default=8, alias="BACKCOACH_BOT_API_CONNECTIONS", ge=1, le=20)
    # Start-up runs the migrations (serialised across replicas by a lock on PostgreSQL); a
    # deployment that migrates once, before the replicas start, turns this off.
    auto_migrate: bool = Field(default=True, alias="BACKCOACH_AUTO_MIGRATE")
    # backcoach serve (webhook mode)
    webhook_url: str | None = Field(default=None, alias="BACKCOACH_WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(default=None, alias="BACKCOACH_WEBHOOK_SECRET")
    listen_host: str = Field(default="127.0.0.1", alias="BACKCOACH_LISTEN_HOST")
    port: int = Field(default=8080, alias="BACKCOACH_PORT", ge=1, le=65535)

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _blank_cache_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _secret_shape(cls, value: object) -> object:
        """Telegram allows 1-256 characters of A-Z, a-z, 0-9, _ and -."""
        if isinstance(value, str):
            if not value.strip():
                return None
            if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value):
                raise ValueError("use 1-256 characters from A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _https_url(cls, value: object) -> object:
        if isinstance(value, str):
            if not value.strip():
                return None
            if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
                raise ValueError("give the public base URL, e.g. https://coach.example.org")
            return value.rstrip("/")
        return value

    @property
    def bot_id(self) -> int:
        """The bot's own id: the numeric part of its token before ':' (0 without a token, or
        with one of another shape). Processed update ids are kept under it; the token itself
        is never stored."""
        if self.telegram_bot_token is None:
            return 0
        head = self.telegram_bot_token.get_secret_value().partition(":")[0]
        return int(head) if head.isascii() and head.isdigit() else 0

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL: DATABASE_URL, or the embedded SQLite file under BACKCOACH_HOME."""
        if self.database_url:
            url = self.database_url
            if url.startswith("postgresql://") or url.startswith("postgres://"):
                url = "postgresql+asyncpg://" + url.split("://", 1)[1]
            elif url.startswith("sqlite:///"):
                url = "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
            return url
        return f"sqlite+aiosqlite:///{(self.home / 'backcoach.db').resolve()}"


def load_settings() -> Settings:
    """Reads the settings; a bad value raises SettingsError naming the variable."""
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = first["loc"][0] if first["loc"] else "settings"
        raise SettingsError(f"{name}: {first['msg']}") from None
