"""LINE rich menus, one per language: French, Japanese and English (`confbot line richmenu`).

Each menu is a grid of three columns over a 2500 × 1686 image (richmenu_image.py draws it from
the catalogues): the commands registered for the rich menu (programme, now, workshops / FAQ, my
agenda), and the language tile, cut in two: each half names one of the two other languages and
is a `richmenuswitch` action that swaps the delegate's menu on the spot and sends the postback
"/lang xx" that makes the bot answer in that language. Aliases `confbot-fr`, `confbot-ja` and
`confbot-en` name the menus; the French one is the default, and the server links a delegate to
the menu of their language when it learns it (bot/channels/line/channel.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linebot.v3.messaging import (
    CreateRichMenuAliasRequest,
    PostbackAction,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
    RichMenuSwitchAction,
    UpdateRichMenuAliasRequest,
)
from linebot.v3.messaging.exceptions import ApiException

from bot.channels.line.api import blob_api, messaging_api
from bot.channels.line.channel import RICH_MENU_LANGUAGES, rich_menu_alias
from bot.channels.line.render import fit
from bot.i18n import Catalogues
from bot.settings import Settings
from handlers import features
from handlers.core.commands import CommandRegistry, Menu
from handlers.core.translate import Translate
from handlers.welcome.commands import LANGUAGE_NAMES

log = logging.getLogger(__name__)

# Rich menu image: width 800-2500 px, height ≥ 250 px, width/height ≥ 1.45, at most 1 MB
# (https://developers.line.biz/en/reference/messaging-api/#upload-rich-menu-image-requirements).
WIDTH, HEIGHT = 2500, 1686
COLUMNS = 3
MAX_CHAT_BAR = 14  # chatBarText: "Max character limit: 14"
MAX_AREA_LABEL = 20  # action label: "Max character limit: 20"


@dataclass(frozen=True)
class Tile:
    key: str  # the catalogue message is richmenu-<key>
    payload: str  # "" for the language tile, which switches menus


LANGUAGE_TILE = Tile("language", "")


def tiles(commands: CommandRegistry) -> tuple[Tile, ...]:
    """The commands offered in the rich menu, in their order, then the language tile."""
    offered = commands.offered(Menu.RICH_MENU)
    return (*(Tile(c.name, c.payload) for c in offered), LANGUAGE_TILE)


class RichMenuError(RuntimeError):
    pass


def other_languages(language: str) -> tuple[str, ...]:
    """The languages the language tile of `language`'s menu switches to, top half first."""
    return tuple(code for code in RICH_MENU_LANGUAGES if code != language)


def language_halves(
    bounds: tuple[int, int, int, int], language: str
) -> list[tuple[str, tuple[int, int, int, int]]]:
    """The language tile cut into one band per other language, top to bottom."""
    x, y, width, height = bounds
    targets = other_languages(language)
    cuts = [y + height * i // len(targets) for i in range(len(targets) + 1)]
    return [
        (target, (x, top, width, bottom - top))
        for target, top, bottom in zip(targets, cuts, cuts[1:], strict=False)
    ]


def tile_bounds(index: int, count: int) -> tuple[int, int, int, int]:
    """x, y, width, height of tile `index` of `count`, in rows of three; the last column and
    row take the pixels left over."""
    rows = -(-count // COLUMNS)
    column, row = index % COLUMNS, index // COLUMNS
    x, y = column * WIDTH // COLUMNS, row * HEIGHT // rows
    right, bottom = (column + 1) * WIDTH // COLUMNS, (row + 1) * HEIGHT // rows
    return x, y, right - x, bottom - y


def image_path(settings: Settings, language: str) -> Path:
    return settings.content_dir / "richmenu" / f"{language}.png"


def _action(tile: Tile, language: str, t: Translate) -> Any:
    return PostbackAction(
        label=fit(t(language, f"richmenu-{tile.key}"), MAX_AREA_LABEL), data=tile.payload
    )


def _switch(target: str) -> Any:
    return RichMenuSwitchAction(
        label=fit(LANGUAGE_NAMES[target], MAX_AREA_LABEL),
        rich_menu_alias_id=rich_menu_alias(target),
        data=f"/lang {target}",
    )


def _area(bounds: tuple[int, int, int, int], action: Any) -> RichMenuArea:
    x, y, width, height = bounds
    return RichMenuArea(bounds=RichMenuBounds(x=x, y=y, width=width, height=height), action=action)


def menu_request(language: str, t: Translate, commands: CommandRegistry) -> RichMenuRequest:
    areas = []
    shown = tiles(commands)
    for index, tile in enumerate(shown):
        bounds = tile_bounds(index, len(shown))
        if tile.payload:
            areas.append(_area(bounds, _action(tile, language, t)))
        else:
            areas += [
                _area(half, _switch(target)) for target, half in language_halves(bounds, language)
            ]
    return RichMenuRequest(
        size=RichMenuSize(width=WIDTH, height=HEIGHT),
        selected=False,
        name=rich_menu_alias(language),
        chat_bar_text=fit(t(language, "richmenu-chat-bar"), MAX_CHAT_BAR),
        areas=areas,
    )


async def install(
    settings: Settings, *, default: str = "fr", keep_old: bool = False
) -> dict[str, str]:
    """Creates the menus with their images, points the aliases at them, sets the default.

    The aliases are updated in place (never absent while a delegate taps the language tile);
    the menus they pointed to before are deleted unless `keep_old`.
    """
    t = Catalogues()
    commands = features.command_registry()
    images = {}
    for language in RICH_MENU_LANGUAGES:
        path = image_path(settings, language)
        if not path.is_file():
            raise RichMenuError(
                f"{path} is missing: draw it with `python -m bot.channels.line.richmenu_image`"
            )
        images[language] = path.read_bytes()
    api_client, api = messaging_api(settings)
    blob_client, blob = blob_api(settings)
    created: dict[str, str] = {}
    aliased: set[str] = set()
    try:
        for language in RICH_MENU_LANGUAGES:
            response = await api.create_rich_menu(menu_request(language, t, commands))
            created[language] = response.rich_menu_id
            await blob.set_rich_menu_image(
                response.rich_menu_id,
                body=images[language],
                _headers={"Content-Type": "image/png"},
            )
        previous = {}
        for language, rich_menu_id in created.items():
            alias = rich_menu_alias(language)
            try:
                previous[language] = (await api.get_rich_menu_alias(alias)).rich_menu_id
            except ApiException as exc:
                if exc.status != 404:
                    raise
            if language in previous:
                await api.update_rich_menu_alias(
                    alias, UpdateRichMenuAliasRequest(rich_menu_id=rich_menu_id)
                )
            else:
                await api.create_rich_menu_alias(
                    CreateRichMenuAliasRequest(rich_menu_alias_id=alias, rich_menu_id=rich_menu_id)
                )
            aliased.add(rich_menu_id)
        await api.set_default_rich_menu(created[default])
        if not keep_old:
            for old in set(previous.values()) - set(created.values()):
                try:
                    await api.delete_rich_menu(old)
                except ApiException as exc:
                    log.warning("could not delete the old rich menu %s: %s", old, exc.status)
        return created
    except ApiException as exc:
        await _forget(api, set(created.values()) - aliased)
        raise RichMenuError(f"LINE answered {exc.status}: {exc.body}") from exc
    finally:
        await api_client.close()
        await blob_client.close()


async def _forget(api: Any, rich_menu_ids: set[str]) -> None:
    """Deletes the menus of a failed run that no alias points at."""
    for rich_menu_id in rich_menu_ids:
        try:
            await api.delete_rich_menu(rich_menu_id)
        except Exception as exc:
            log.warning("could not delete the rich menu %s: %s", rich_menu_id, exc)
