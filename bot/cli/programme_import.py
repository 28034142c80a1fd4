"""`confbot programme import SOURCE`: a file, or a URL read once or watched (`--watch`).

Whatever the source, the file goes through `handlers.schedule.formats.parse_programme` and the
programme through `replace_programme`, which writes the change and its notifications in one
transaction. A file that cannot be read, or a URL that answers an error or nothing, changes
nothing: the current programme is kept, and the command says so.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bot.app import App, build_app
from bot.cli.diff import format_diff
from bot.content import load_conference
from bot.remote_file import Fetched, FetchError, RemoteFile, is_url
from bot.settings import Settings
from handlers.core.conference import TrackInfo
from handlers.notify.options import NotifyOptions
from handlers.schedule.files import ParsedProgramme, ProgrammeFileError
from handlers.schedule.formats import parse_programme, read_programme
from handlers.schedule.usecases import replace_programme

KEPT = "not imported, the current programme is kept"


@dataclass(frozen=True)
class ImportOptions:
    source: str
    dry_run: bool = False
    sample: bool = False
    sheet: str | None = None
    watch: float | None = None  # seconds between two polls of a URL
    timeout: float = 30.0
    polls: int | None = None  # stop after this many polls (tests); None: until interrupted


async def run_import(settings: Settings, options: ImportOptions) -> int:
    tracks = load_conference(settings.content_dir)[0].tracks
    if is_url(options.source):
        return await _from_url(settings, options, tracks)
    if options.watch is not None:
        print("--watch polls a URL (http:// or https://), not a file", file=sys.stderr)
        return 2
    path = Path(options.source)
    try:
        parsed = read_programme(path, settings.tz, tracks=tracks, sheet=options.sheet)
    except ProgrammeFileError as exc:
        _refused(str(path), exc, "not imported, nothing changed")
        return 1
    app = await build_app(settings, load_bundled=False, warm=False)
    try:
        await _replace(app, parsed, options, path.name)
    finally:
        await app.close()
    return 0


async def _from_url(settings: Settings, options: ImportOptions, tracks: Sequence[TrackInfo]) -> int:
    remote = RemoteFile(options.source, timeout=options.timeout)
    app = await build_app(settings, load_bundled=False, warm=False)
    status, polls = 0, 0
    try:
        async with httpx.AsyncClient() as client:
            while True:
                status = await _poll(app, remote, client, options, tracks)
                polls += 1
                if options.watch is None or (options.polls is not None and polls >= options.polls):
                    break
                await asyncio.sleep(options.watch)
    finally:
        await app.close()
    return status


async def _poll(
    app: App,
    remote: RemoteFile,
    client: httpx.AsyncClient,
    options: ImportOptions,
    tracks: Sequence[TrackInfo],
) -> int:
    """One look at the URL: 0 when the programme is as the file says, 1 when it was kept."""
    stamp = f"{datetime.now().astimezone():%H:%M:%S} " if options.watch is not None else ""
    try:
        fetched = await remote.fetch(client)
    except FetchError as exc:
        print(f"{stamp}{remote.url}: {exc}: {KEPT}", file=sys.stderr, flush=True)
        return 1
    if fetched is None:
        print(f"{stamp}{remote.url}: not modified since the last import", flush=True)
        return 0
    name = Path(httpx.URL(remote.url).path).name
    try:
        parsed = await asyncio.to_thread(
            parse_programme, fetched.data, app.settings.tz, name=name, tracks=tracks,
            sheet=options.sheet,
        )  # fmt: skip
    except ProgrammeFileError as exc:
        _refused(f"{stamp}{remote.url}", exc, KEPT)
        _remember(remote, fetched, options)  # the same file would fail again: wait for a new one
        return 1
    await _replace(app, parsed, options, remote.url, stamp, file_name=name or remote.url)
    _remember(remote, fetched, options)
    return 0


def _remember(remote: RemoteFile, fetched: Fetched, options: ImportOptions) -> None:
    if not options.dry_run:
        remote.remember(fetched)


async def _replace(
    app: App,
    parsed: ParsedProgramme,
    options: ImportOptions,
    name: str,
    stamp: str = "",
    *,
    file_name: str = "",
) -> None:
    for warning in parsed.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{stamp}{name}: {parsed.reading}, {len(parsed.rows)} sessions", file=sys.stderr)
    now = datetime.now(UTC)
    async with app.sessionmaker.begin() as db:
        diff = await replace_programme(
            db,
            parsed.rows,
            source=options.source,
            sample=options.sample,
            actor="cli",
            now=now,
            dry_run=options.dry_run,
            # kept with each change (change_events.source, 160 characters)
            notify=NotifyOptions.of(app.deps, now, source=f"import {file_name or name}"[:160]),
        )
    print(f"{stamp}{format_diff(diff, app.settings)}" if stamp else format_diff(diff, app.settings))
    if options.dry_run and not diff.is_empty:
        print("(dry run: nothing changed)")
    sys.stdout.flush()


def _refused(source: str, error: ProgrammeFileError, outcome: str) -> None:
    print(f"{source}: {outcome}:", file=sys.stderr)
    for problem in error.problems:
        print(f"  {problem}", file=sys.stderr)
