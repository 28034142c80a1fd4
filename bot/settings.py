"""Runtime configuration, read from environment variables (and an optional `.env` file).

Every setting is listed with its default in the README's configuration table; a test keeps
the two in step.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.paths import CONTENT_DIR

SUPPORTED_LANGUAGES = ("fr", "ja", "en")


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
    default_language: str = Field(
        default="fr", description="Reply language when nothing else tells (fr, ja or en)."
    )
    log_level: str = Field(default="INFO", description="Python logging level.")

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

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.conference_tz)
