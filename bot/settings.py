"""Runtime configuration, read from environment variables (and an optional `.env` file).

Every setting is listed with its default in the README's configuration table; a test keeps
the two in step.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.paths import CONTENT_DIR

SUPPORTED_LANGUAGES = ("fr", "ja", "en")
# Bot API setWebhook: secret_token is 1-256 characters of A-Z, a-z, 0-9, _ and -
# (https://core.telegram.org/bots/api#setwebhook).
_TELEGRAM_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    database_url: str = Field(
        default="sqlite+aiosqlite:///var/confbot.db",
        description="SQLAlchemy URL: sqlite+aiosqlite:///path or postgresql+asyncpg://…",
    )
    database_schema: str = Field(
        default="",
        description="PostgreSQL only: schema to use instead of public (shared databases).",
    )
    conference_tz: str = Field(
        default="Asia/Tokyo", description="Time zone of the venue; programme times are in it."
    )
    content_dir: Path = Field(
        default=CONTENT_DIR, description="Folder of the bundled programme, tracks and FAQ."
    )
    classifier_cache_dir: str = Field(
        default="var/cache",
        description="Folder where the trained classifier is kept between starts, named by what "
        "it learnt, so that a restart or another replica sharing it does not train again "
        "(empty: trained at each start).",
    )
    default_language: str = Field(
        default="fr", description="Reply language when nothing else tells (fr, ja or en)."
    )
    log_level: str = Field(default="INFO", description="Python logging level.")
    log_format: Literal["text", "json"] = Field(
        default="text", description="text (one readable line) or json (one JSON object a line)."
    )
    metrics_port: int = Field(
        default=9090,
        ge=0,
        le=65535,
        description="Port of the Prometheus /metrics of `confbot serve`, apart from the "
        "webhooks (0: none).",
    )
    reminder_minutes: int = Field(
        default=15, ge=1, le=1440, description="Minutes before a session its reminder is sent."
    )
    notify_merge_seconds: int = Field(
        default=60,
        ge=0,
        le=3600,
        description="Changes to one session within this window go out as one message.",
    )
    telegram_rate: float = Field(
        default=25.0,
        gt=0,
        le=30,
        description="Telegram messages a second a dispatcher sends in all (Telegram allows ~30).",
    )
    dispatcher_lease_seconds: float = Field(
        default=120.0,
        gt=0,
        le=3600,
        description="Seconds a dispatcher holds the messages it claimed without renewing them: "
        "a worker that died leaves them to the next one after this.",
    )
    dispatcher_in_serve: bool = Field(
        default=True,
        description="Run the notification dispatcher in `confbot serve` (else `confbot worker`).",
    )
    allow_groups: bool = Field(
        default=False,
        description="Answer in group chats (Telegram groups, LINE groups and rooms): only "
        "commands addressed to the bot, with public content only (programme, FAQ).",
    )
    organisers: str = Field(
        default="",
        description="Comma-separated channel:user ids made organisers at start (telegram:123,…).",
    )

    @property
    def organiser_ids(self) -> list[str]:
        return [m.strip() for m in self.organisers.split(",") if m.strip()]

    telegram_bot_token: SecretStr = Field(
        default=SecretStr(""), description="Telegram bot token from @BotFather; enables Telegram."
    )
    telegram_webhook_secret: SecretStr = Field(
        default=SecretStr(""),
        description="Webhook mode: the X-Telegram-Bot-Api-Secret-Token every update must carry "
        "(1-256 of A-Z a-z 0-9 _ -).",
    )
    telegram_webhook_url: str = Field(
        default="",
        description="Public HTTPS URL of /telegram/webhook; registered with setWebhook at start.",
    )
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot",
        description="Bot API base URL (the token and method are appended).",
    )
    telegram_mode: Literal["webhook", "polling"] = Field(
        default="webhook",
        description="webhook (updates POSTed to the server) or polling (getUpdates, no public "
        "HTTPS needed).",
    )
    line_channel_secret: SecretStr = Field(
        default=SecretStr(""), description="LINE channel secret: verifies X-Line-Signature."
    )
    line_channel_access_token: SecretStr = Field(
        default=SecretStr(""), description="LINE long-lived channel access token."
    )
    line_api_base_url: str = Field(
        default="https://api.line.me", description="LINE Messaging API host."
    )
    line_api_data_base_url: str = Field(
        default="https://api-data.line.me",
        description="LINE content API host (rich menu images).",
    )
    public_url: str = Field(
        default="",
        description="Public base URL of `confbot serve` (https://bot.example.org): the links "
        "it gives (calendar feeds, the web console) start with it; empty: none is given.",
    )
    telegram_bot_username: str = Field(
        default="",
        description="The bot's @username (without @): t.me deep links and QR codes.",
    )
    line_basic_id: str = Field(
        default="",
        description="The LINE account's basic id (@ and 8 characters): line.me links and QR codes.",
    )
    host: str = Field(default="0.0.0.0", description="Address the web server listens on.")
    port: int = Field(default=8080, ge=1, le=65535, description="Port of the web server.")
    console_idle_minutes: int = Field(
        default=120,
        ge=1,
        description="An organiser's web console session ends after this many idle minutes.",
    )
    turn_retention_days: int = Field(
        default=90,
        ge=1,
        description="Days the hourly counts of turns (channel, language, outcome, FAQ entry or "
        "session; no text, no delegate) are kept for the organisers' overview.",
    )
    max_concurrent_updates: int = Field(
        default=64, ge=1, description="Updates handled at the same time; more wait their turn."
    )

    @field_validator("conference_tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        ZoneInfo(value)  # raises on an unknown zone, at start-up rather than at the first reply
        return value

    @field_validator("default_language")
    @classmethod
    def _supported(cls, value: str) -> str:
        if value not in SUPPORTED_LANGUAGES:
            raise ValueError(f"must be one of {', '.join(SUPPORTED_LANGUAGES)}")
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: SecretStr) -> SecretStr:
        secret = value.get_secret_value()
        if secret and not _TELEGRAM_SECRET.match(secret):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("public_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
            raise ValueError("must be an http(s) URL, such as https://bot.example.org")
        return value.rstrip("/")

    @field_validator("telegram_bot_username")
    @classmethod
    def _bot_username(cls, value: str) -> str:
        value = value.strip().removeprefix("@")
        # Usernames: 5-32 of a-z, 0-9 and _ (https://core.telegram.org/bots/features#botfather).
        if value and not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{4,31}", value):
            raise ValueError("must be the bot's username, 5-32 of A-Z a-z 0-9 _")
        return value

    @field_validator("line_basic_id")
    @classmethod
    def _basic_id(cls, value: str) -> str:
        value = value.strip()
        if value and not value.startswith("@"):
            value = f"@{value}"
        if value and not re.fullmatch(r"@[A-Za-z0-9._-]{1,32}", value):
            raise ValueError("must be the LINE basic id, such as @123abcde")
        return value

    @field_validator("telegram_api_base_url", "line_api_base_url", "line_api_data_base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")  # the SDKs append "/<path>" (LINE) or "<token>/<method>" (PTB)

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_bot_token.get_secret_value())

    @property
    def line_enabled(self) -> bool:
        return bool(
            self.line_channel_secret.get_secret_value()
            and self.line_channel_access_token.get_secret_value()
        )

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.conference_tz)
