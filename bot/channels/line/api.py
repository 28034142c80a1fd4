"""The LINE SDK's clients, configured from the settings."""

from __future__ import annotations

from linebot.v3.messaging import (
    AsyncApiClient,
    AsyncMessagingApi,
    AsyncMessagingApiBlob,
    Configuration,
)

from bot.settings import Settings


def configuration(settings: Settings, host: str) -> Configuration:
    configuration = Configuration(
        host=host, access_token=settings.line_channel_access_token.get_secret_value()
    )
    configuration.connection_pool_maxsize = settings.max_concurrent_updates + 8
    return configuration


def blob_api(settings: Settings) -> tuple[AsyncApiClient, AsyncMessagingApiBlob]:
    """The content API client (rich menu images live on api-data.line.me)."""
    client = AsyncApiClient(configuration(settings, settings.line_api_data_base_url))
    return client, AsyncMessagingApiBlob(client)


def messaging_api(settings: Settings) -> tuple[AsyncApiClient, AsyncMessagingApi]:
    client = AsyncApiClient(configuration(settings, settings.line_api_base_url))
    return client, AsyncMessagingApi(client)
