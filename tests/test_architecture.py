"""The layout holds: a command is one registration, a channel one package, and the layers
import only downwards (handlers/ knows no platform, db/ knows nothing above it)."""

from __future__ import annotations

import ast
import json
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

import bot.i18n
from bench.fakes import FakeTelegram
from bot.channels import registry
from bot.channels.base import Capabilities, Channel, ChannelSpec, ServeContext
from bot.channels.line.richmenu import menu_request
from bot.channels.turns import converse
from bot.dispatcher import Item, Record, Result, Status
from bot.i18n import Catalogues
from bot.paths import LOCALES_DIR
from bot.settings import Settings
from handlers import features
from handlers.core.commands import CommandRegistry, Menu
from handlers.core.messages import Button, Incoming, Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.deps import Deps
from tests.conftest import Database, FixedClock
from tests.serving import eventually, running, telegram_settings

ROOT = Path(__file__).resolve().parent.parent

# ----------------------------------------------------------------- a command in one module

MAP_URL = "https://example.org/plan-du-site"


async def show_map(turn: Turn, _argument: str) -> list[Reply]:
    return [
        turn.reply(ReplyKind.HELP, "map-text", (Button(turn.t("button-map"), "/map"),), url=MAP_URL)
    ]


def register_map(commands: CommandRegistry) -> None:
    """What a feature module would add for /map: one registration."""
    commands.command("map", menu=Menu.HELP | Menu.CHAT_MENU | Menu.RICH_MENU, position=55)(show_map)


MAP_MESSAGES = {
    "fr": ("Le plan du site", "Plan", "Plan", "Le plan du site : { $url }"),
    "ja": ("会場の地図", "地図", "地図", "会場の地図：{ $url }"),
    "en": ("The site map", "Map", "Map", "The site map: { $url }"),
}


@pytest.fixture
def with_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The three locale files of the new command, and its registration."""
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, locales)
    for lang, (description, button, tile, text) in MAP_MESSAGES.items():
        (locales / lang / "map.ftl").write_text(
            f"command-map = {description}\nbutton-map = {button}\nrichmenu-map = {tile}\n"
            f"map-text = {text}\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(bot.i18n, "LOCALES_DIR", locales)
    monkeypatch.setattr(features, "REGISTRARS", (*features.REGISTRARS, register_map))
    yield


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
async def test_a_command_registered_in_one_module_is_in_every_menu(
    with_map: None, database: Database, clock: FixedClock
) -> None:
    async with FakeTelegram() as tg, running(database, clock, **telegram_settings(tg)) as bot:
        french = tg.my_commands("fr")
        assert {"command": "map", "description": "Le plan du site"} in french
        assert tg.my_commands("ja")[[c["command"] for c in french].index("map")] == {
            "command": "map",
            "description": "会場の地図",
        }
        await bot.telegram(tg.message_update(1001, "/help", language_code="fr"))
        await bot.telegram(tg.message_update(1001, "/map", language_code="fr"))
        texts = [c.params["text"] for c in tg.calls_to("sendMessage", ok_only=True)]
        assert "/map – Le plan du site" in texts[0]
        assert texts[1] == f"Le plan du site : {MAP_URL}"

    request = menu_request("ja", Catalogues(), features.command_registry())
    actions = [area.action for area in request.areas]
    assert "/map" in [getattr(a, "data", None) for a in actions]
    assert "地図" in [a.label for a in actions]
    # programme, now, workshops, faq, map, agenda, and the language tile cut in two (fr, en)
    assert len(request.areas) == 8
    assert {area.bounds.height for area in request.areas[:6]} == {562}  # three rows of 1686 px
    assert [area.bounds.height for area in request.areas[6:]] == [281, 281]


def test_registering_a_name_twice_is_refused() -> None:
    commands = features.command_registry()
    with pytest.raises(ValueError, match="twice"):
        commands.command("programme")(show_map)
    with pytest.raises(ValueError, match="chat menu"):
        commands.command("map-view", menu=Menu.CHAT_MENU)(show_map)


# ----------------------------------------------------------------- a channel in one package


@dataclass
class Pigeon:
    """A minimal fourth platform: JSON webhooks in, every message out kept in lists."""

    replies: list[tuple[str, str]] = field(default_factory=list)
    pushed: list[tuple[str, str]] = field(default_factory=list)


class PigeonChannel:
    def __init__(self, context: ServeContext, pigeon: Pigeon) -> None:
        self.context, self.pigeon = context, pigeon
        self.metrics = context.metrics.channel("pigeon")

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def webhook(self, request: Request) -> Response:
        data = json.loads(await request.body())
        message = Incoming(
            "pigeon", data["user"], self.context.deps.clock(), text=data["text"], files=False
        )
        await self.context.updates.submit(
            self._turn(message), name=f"pigeon:{data['user']}", key=data["user"]
        )
        return JSONResponse({"ok": True})

    async def _turn(self, message: Incoming) -> None:
        for reply in (
            await converse(self.context.conversation, self.metrics, message, "pigeon") or []
        ):
            self.pigeon.replies.append((message.user_id, reply.text))


class PigeonSender:
    channel = "pigeon"
    multicast = 1

    def __init__(self, pigeon: Pigeon) -> None:
        self.pigeon = pigeon

    async def send(self, items: Any, record: Record | None = None) -> dict[int, Result]:
        results: dict[int, Result] = {}
        for item in items:
            assert isinstance(item, Item)
            self.pigeon.pushed += [(item.user_id, reply.text) for reply in item.replies]
            results[item.row_id] = Result(Status.SENT)
        if record is not None:
            await record([(item, results[item.row_id]) for item in items])
        return results

    async def close(self) -> None:
        pass


@pytest.fixture
def pigeon() -> Iterator[Pigeon]:
    birds = Pigeon()

    def serve(context: ServeContext) -> Channel:
        return PigeonChannel(context, birds)

    def sender(_settings: Settings, _deps: Deps) -> PigeonSender:
        return PigeonSender(birds)

    registry.register(
        ChannelSpec(
            name="pigeon",
            capabilities=Capabilities(can_push=True, files=False),
            configured=lambda _settings: True,
            serve=serve,
            webhook_path="/pigeon/webhook",
            sender=sender,
        )
    )
    yield birds
    registry.unregister("pigeon")


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
async def test_a_fourth_channel_is_one_package(
    pigeon: Pigeon, database: Database, clock: FixedClock
) -> None:
    async with running(database, clock, organisers="pigeon:boss", notify_merge_seconds=0) as bot:
        post = bot.client.post
        assert (await post("/pigeon/webhook", json={"user": "u1", "text": "/lang ja"})).is_success
        await bot.idle()
        assert pigeon.replies[-1][1].startswith("承知しました")
        await post("/pigeon/webhook", json={"user": "u1", "text": "/add ws-economy"})
        await post("/pigeon/webhook", json={"user": "boss", "text": "/set ws-economy start 14:00"})
        await bot.idle()
        # The change reaches u1 through the outbox and the pigeon's sender, in Japanese.
        await eventually(lambda: any(user == "u1" for user, _ in pigeon.pushed), within=15)
        text = next(text for user, text in pigeon.pushed if user == "u1")
        assert "第1分科会" in text and "14:00" in text


# ----------------------------------------------------------------------------- the layers

FIRST_PARTY = ("bot", "handlers", "db")
PLATFORM_LIBRARIES = ("telegram", "linebot", "starlette", "uvicorn", "aiohttp", "httpx")


def _modules() -> dict[str, Path]:
    found = {}
    for package in FIRST_PARTY:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(path: Path) -> list[str]:
    """Modules imported at run time (not those under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for guard in ast.walk(tree)
        if isinstance(guard, ast.If) and "TYPE_CHECKING" in ast.unparse(guard.test)
        for node in ast.walk(guard)
    }
    names: list[str] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def test_handlers_know_no_platform_and_db_nothing_above_it() -> None:
    for name, path in _modules().items():
        imported = _imports(path)
        top = {i.split(".")[0] for i in imported}
        if name.startswith("handlers"):
            assert not top & {"bot", *PLATFORM_LIBRARIES}, name
        if name.startswith("db"):
            assert not top & {"bot", "handlers"}, name


def test_the_conversation_core_knows_no_feature() -> None:
    """handlers/core is what every feature builds on: what it needs of them (the FAQ and
    programme served, as an edition of words) is handed to it, never imported."""
    for name, path in _modules().items():
        if name.startswith("handlers.core"):
            imported = {i for i in _imports(path) if i.startswith("handlers.")}
            assert all(i.startswith("handlers.core") for i in imported), (name, imported)


def test_no_import_cycle() -> None:
    modules = _modules()
    graph = {
        name: {i for i in _imports(path) if i in modules and i != name}
        for name, path in modules.items()
    }
    # A package's __init__ importing its own modules is how packages work, not a cycle.
    for name, edges in graph.items():
        graph[name] = {e for e in edges if not e.startswith(f"{name}.")}
    sys.setrecursionlimit(10_000)
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
