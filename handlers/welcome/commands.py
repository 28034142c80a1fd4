"""The first words: /start (the welcome, then where the conference stands; or what a deep link
opens), /help (built from the command registry) and /lang (the reply language)."""

from __future__ import annotations

from handlers.core import store
from handlers.core.commands import CommandRegistry, Menu
from handlers.core.language import SUPPORTED, normalise_hint
from handlers.core.messages import Button, Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.links.open import open_link
from handlers.schedule import replies
from handlers.schedule.commands import programme_of

LANGUAGE_NAMES = {"fr": "Français", "ja": "日本語", "en": "English"}


async def start(turn: Turn, argument: str) -> list[Reply]:
    """The welcome; with a deep link's payload (t.me/<bot>?start=…, or the text a LINE link
    prepares), what the link opens instead."""
    if argument:
        return await open_link(turn, argument)
    deps, lang = turn.deps, turn.lang
    welcome = turn.t(
        "welcome",
        name=turn.delegate.display_name or "",
        conference=deps.conference.name.get(lang),
        city=deps.conference.city.get(lang),
    )
    status = replies.overview(deps, lang, await programme_of(turn), turn.now)
    return [Reply(ReplyKind.HELP, welcome, lang, buttons=turn.menu()), status]


async def help_text(turn: Turn, _argument: str) -> list[Reply]:
    """Examples of free text, then a line per command offered in /help."""
    lines = [turn.t("help"), "", turn.t("help-commands")]
    lines += [
        turn.t("help-line", command=c.payload, description=turn.t(c.description_id))
        for c in turn.commands.offered(Menu.HELP)
        if not c.organisers_only or turn.is_organiser
    ]
    return [Reply(ReplyKind.HELP, "\n".join(lines), turn.lang, buttons=turn.menu())]


async def language(turn: Turn, argument: str) -> list[Reply]:
    chosen = normalise_hint(argument)
    if chosen is None:
        buttons = tuple(Button(LANGUAGE_NAMES[code], f"/lang {code}") for code in SUPPORTED)
        return [turn.reply(ReplyKind.LANGUAGE, "language-choose", buttons)]
    turn.delegate.language = chosen
    turn.lang = chosen
    store.audit(
        turn.db, actor=turn.actor, action="delegate.language", now=turn.now, language=chosen
    )
    return [turn.reply(ReplyKind.LANGUAGE, "language-set", turn.menu())]


def register(commands: CommandRegistry) -> None:
    commands.command("start")(start)
    commands.command(
        "lang", aliases=("language",), menu=Menu.BUTTONS | Menu.HELP | Menu.CHAT_MENU, position=80
    )(language)
    commands.command("help", menu=Menu.BUTTONS | Menu.HELP | Menu.CHAT_MENU, position=90)(help_text)
