"""The command registry: every /command, with where it is offered and who may use it.

Features register their commands here; the conversation looks them up, and the main buttons,
`/help`, the Telegram command menu and the LINE rich menu are all built from the same entries,
so a new command is one registration and its catalogue messages:
`command-<name>` (what it does: /help and the Telegram menu), `button-<name>` (a button's
label) and `richmenu-<name>` (a rich menu tile), in every language.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from handlers.core.messages import Reply

if TYPE_CHECKING:
    from handlers.core.turn import Turn

Handler = Callable[["Turn", str], Awaitable[list[Reply]]]

# Telegram BotCommand.command: "1-32 characters. Can contain only lowercase English letters,
# digits and underscores" (https://core.telegram.org/bots/api#botcommand). Names in a menu obey
# it; hidden ones (pressed as buttons only, like faq-none) may also use "-".
_MENU_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_NAME = re.compile(r"^[a-z0-9_-]{1,32}$")


class Menu(enum.Flag):
    """Where a command is offered, besides being typed."""

    NONE = 0
    BUTTONS = enum.auto()  # the main buttons under the welcome, /help and the fallback
    HELP = enum.auto()  # a line of /help
    CHAT_MENU = enum.auto()  # the platform's command menu (Telegram's "/" menu)
    RICH_MENU = enum.auto()  # a tile of the LINE rich menu


@dataclass(frozen=True)
class Command:
    name: str
    handler: Handler
    aliases: tuple[str, ...] = ()
    menu: Menu = Menu.NONE
    organisers_only: bool = False
    position: int = 100  # order in the menus, smallest first
    # Shows only what anyone may see (the programme, the FAQ): answered in group chats too,
    # when groups are allowed; it reads and writes nothing about whoever asked.
    public: bool = False

    @property
    def description_id(self) -> str:
        return f"command-{self.name}"

    @property
    def button_id(self) -> str:
        return f"button-{self.name}"

    @property
    def tile_id(self) -> str:
        return f"richmenu-{self.name}"

    @property
    def payload(self) -> str:
        return f"/{self.name}"


class CommandRegistry:
    """Commands by name and alias. Registering a name twice is a mistake, caught at start."""

    def __init__(self) -> None:
        self._commands: list[Command] = []
        self._by_name: dict[str, Command] = {}

    def add(self, command: Command) -> Command:
        names = (command.name, *command.aliases)
        for name in names:
            if not _NAME.match(name):
                raise ValueError(f"command name {name!r}: 1-32 of a-z 0-9 _ -")
            if name in self._by_name:
                raise ValueError(f"command /{name} is registered twice")
        if command.menu & Menu.CHAT_MENU and not _MENU_NAME.match(command.name):
            raise ValueError(f"/{command.name} cannot be in the chat menu: a-z 0-9 _ only")
        for name in names:
            self._by_name[name] = command
        self._commands.append(command)
        return command

    def command(
        self,
        name: str,
        *,
        aliases: tuple[str, ...] = (),
        menu: Menu = Menu.NONE,
        organisers_only: bool = False,
        position: int = 100,
        public: bool = False,
    ) -> Callable[[Handler], Handler]:
        """Decorator form of `add`."""

        def register(handler: Handler) -> Handler:
            self.add(Command(name, handler, aliases, menu, organisers_only, position, public))
            return handler

        return register

    def find(self, name: str) -> Command | None:
        return self._by_name.get(name)

    def offered(self, menu: Menu) -> list[Command]:
        """The commands offered in `menu`, in their order."""
        return sorted((c for c in self._commands if c.menu & menu), key=lambda c: c.position)

    def __iter__(self) -> Iterator[Command]:
        return iter(self._commands)
