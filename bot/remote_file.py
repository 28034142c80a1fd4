"""A programme file published at a URL (pretalx's and frab's schedule.json or .xml, a CSV on
a web server), fetched again only when it changed: each request carries the ETag and
Last-Modified of the last version handled (RFC 9110 conditional requests), so an unchanged
file costs a 304 and no body."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from handlers.core.yaml_files import MAX_FILE


class FetchError(Exception):
    """The file could not be had (HTTP error status, timeout, unreachable, too large)."""


@dataclass(frozen=True)
class Fetched:
    data: bytes
    etag: str | None
    last_modified: str | None
    content_type: str


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


@dataclass
class RemoteFile:
    url: str
    timeout: float = 30.0
    etag: str | None = None
    last_modified: str | None = None

    async def fetch(self, client: httpx.AsyncClient) -> Fetched | None:
        """The file when it changed since the version `remember`ed, None when the server says
        it did not (304); raises FetchError."""
        headers = {"Accept": "application/json, application/xml, text/csv, */*;q=0.5"}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        try:
            async with client.stream(
                "GET", self.url, headers=headers, timeout=self.timeout, follow_redirects=True
            ) as response:
                if response.status_code == httpx.codes.NOT_MODIFIED:
                    return None
                if response.is_error or response.status_code != httpx.codes.OK:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
                length = response.headers.get("Content-Length", "")
                if length.isdigit() and int(length) > MAX_FILE:
                    raise FetchError(f"larger than {MAX_FILE // 1_000_000} MB: refused unread")
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > MAX_FILE:
                        raise FetchError(f"larger than {MAX_FILE // 1_000_000} MB: refused")
                return Fetched(
                    bytes(body),
                    response.headers.get("ETag"),
                    response.headers.get("Last-Modified"),
                    response.headers.get("Content-Type", ""),
                )
        except httpx.TimeoutException:
            raise FetchError(f"no answer within {self.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"unreachable: {exc or type(exc).__name__}") from None

    def remember(self, fetched: Fetched) -> None:
        """The version now handled: later fetches ask the server whether it changed since."""
        self.etag, self.last_modified = fetched.etag, fetched.last_modified
