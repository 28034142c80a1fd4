"""Deep links and QR codes: a printed code, read back by a decoder as a phone would, opens the
right card on Telegram and on LINE; payloads that are not ours get a polite answer."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from bench.fakes import FakeLine, FakeTelegram, make_line_id
from bot.fonts import find_cjk_font
from bot.i18n import Catalogues
from db.models import Delegate, Subscription
from handlers.links.payloads import DeepLink, LinkKind, parse, session_link, workshop_link
from handlers.links.qrcard import Card, CardFormat, Code, Outlines, card_svg, render, wrap
from handlers.links.urls import line_url, telegram_url
from tests.conftest import Database, FixedClock
from tests.serving import Running, line_settings, running, telegram_settings

pytestmark = [
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Please use 'Bot.sendMessage':UserWarning"),
]

T = Catalogues()
BOT_NAME, BASIC_ID = "confbot_test_bot", "@123abcde"
FR_USER = 1001
JA_LINE = make_line_id("kenji")


def font() -> Outlines:
    found = find_cjk_font()
    assert found is not None, "fonts-noto-cjk is missing (.ci/run installs it)"
    return Outlines(Path(found[0]), found[1])


# ------------------------------------------------------------------------------ payloads


def test_payloads_round_trip_and_fit_telegram() -> None:
    for link in (session_link("ws-economy"), workshop_link("environment", follow=True)):
        assert parse(link.payload) == link
        assert len(link.payload) <= 64
    dotted = session_link("day1.opening")  # "." is not allowed in a start parameter
    assert dotted.kind is LinkKind.SESSION_HASH and len(dotted.payload) == 18
    assert parse(dotted.payload) == dotted
    assert session_link("a" * 64).kind is LinkKind.SESSION_HASH
    for junk in ("", "x-1", "s-", "s-a b", "h-nothex", "s-" + "a" * 63, "<script>", "s-é"):
        assert parse(junk) is None, junk


def test_urls() -> None:
    link = DeepLink(LinkKind.SESSION, "ws-economy")
    assert telegram_url(BOT_NAME, link) == f"https://t.me/{BOT_NAME}?start=s-ws-economy"
    assert line_url(BASIC_ID, link) == (
        "https://line.me/R/oaMessage/%40123abcde/?/start%20s-ws-economy"
    )


def test_titles_wrap_on_words_and_japanese_characters() -> None:
    outlines = font()
    lines = wrap("第1分科会 経済「成熟社会における都市の価値と持続可能な経営」", outlines, 5, 60, 3)
    assert len(lines) >= 2 and all(outlines.width(line, 5) <= 60 for line in lines)
    assert not any(line.startswith(("」", "、")) for line in lines)  # kinsoku
    french = wrap("Visite professionnelle : espace vert d'Asahata", outlines, 5, 60, 2)
    assert all(" " not in (line[0], line[-1]) for line in french)
    assert " ".join(french) == "Visite professionnelle : espace vert d'Asahata"
    cut = wrap("mot " * 80, outlines, 5, 60, 2)
    assert len(cut) == 2 and cut[-1].endswith("…")


def test_every_format_is_a_card_of_its_kind() -> None:
    card = Card("x", "Clôture", "閉会式", (Code("Telegram", "https://t.me/a_bot?start=s-x"),))
    svg = card_svg(card, font())
    assert svg.startswith("<?xml") and 'width="148mm"' in svg and "<text" not in svg  # outlines
    assert render(svg, CardFormat.SVG) == svg.encode()
    assert render(svg, CardFormat.PDF).startswith(b"%PDF-")
    png = Image.open(io.BytesIO(render(svg, CardFormat.PNG)))
    assert png.size == (1748, 1240)  # A6 at 300 dpi
    with pytest.raises(ValueError):
        card_svg(Card("x", "a", "b", ()), font())


# --------------------------------------------------------------------- end to end


@pytest.fixture
async def line() -> AsyncIterator[FakeLine]:
    async with FakeLine() as fake:
        fake.add_profile(JA_LINE, "健二", "ja")
        yield fake


@pytest.fixture
async def bot(
    database: Database, clock: FixedClock, tg: FakeTelegram, line: FakeLine
) -> AsyncIterator[Running]:
    async with running(database, clock, **telegram_settings(tg), **line_settings(line)) as b:
        yield b


def shown(tg: FakeTelegram, chat_id: int) -> list[str]:
    """Texts as the delegate sees them (the HTML parsed by the fake)."""
    return [
        c.response["result"]["text"]
        for c in tg.calls_to("sendMessage", ok_only=True)
        if c.params["chat_id"] == chat_id and c.response is not None
    ]


def read_codes(path: Path) -> dict[str, str]:
    """The URLs of the codes of a card, by host, as a phone's camera reads them."""
    found = zxingcpp.read_barcodes(Image.open(path))
    return {urlsplit(r.text).hostname or "": r.text for r in found if r.valid}


def qr(database: Database, tmp_path: Path, *args: str) -> list[Path]:
    out = tmp_path / "cards"
    database.confbot("qr", *args, "-o", str(out))
    return sorted(out.iterdir())


async def open_on_both(bot: Running, tg: FakeTelegram, line: FakeLine, card: Path) -> None:
    codes = read_codes(card)
    assert set(codes) == {"t.me", "line.me"}
    payload = parse_qs(urlsplit(codes["t.me"]).query)["start"][0]
    line_text = unquote(urlsplit(codes["line.me"]).query)
    assert line_text == f"/start {payload}"
    assert urlsplit(codes["line.me"]).path == "/R/oaMessage/%40123abcde/"
    tg.reset_calls()
    line.reset_calls()
    await bot.telegram(tg.message_update(FR_USER, f"/start {payload}", language_code="fr"))
    await bot.line(line, [line.text_message_event(JA_LINE, line_text)])


async def test_a_printed_session_code_opens_its_card_on_telegram_and_line(
    bot: Running, tg: FakeTelegram, line: FakeLine, database: Database, tmp_path: Path
) -> None:
    env = {"TELEGRAM_BOT_USERNAME": BOT_NAME, "LINE_BASIC_ID": BASIC_ID}
    database.env = lambda: {**Database.env(database), **env}  # type: ignore[method-assign]
    (card,) = qr(database, tmp_path, "--session", "ws-environment", "--format", "png")
    assert card.name == "session-ws-environment.png"
    await open_on_both(bot, tg, line, card)

    (details,) = shown(tg, FR_USER)
    assert details.startswith("Atelier 3 – Environnement")
    assert "Quand : mer. 20 nov., 13 h 30–16 h 00 (JST)" in details
    text, carousel = (d.message for d in line.deliveries_to(JA_LINE))
    assert text["text"].startswith("第3分科会 環境「脱炭素社会の実現と魅力ある地域づくり」\n日時")
    bubble = carousel["contents"]["contents"][0]
    assert bubble["body"]["contents"][0]["backgroundColor"] == "#27AE60"


async def test_a_printed_workshop_code_follows_the_workshop_on_both(
    bot: Running, tg: FakeTelegram, line: FakeLine, database: Database, tmp_path: Path
) -> None:
    env = {"TELEGRAM_BOT_USERNAME": BOT_NAME, "LINE_BASIC_ID": BASIC_ID}
    database.env = lambda: {**Database.env(database), **env}  # type: ignore[method-assign]
    (card,) = qr(database, tmp_path, "--workshop", "society", "--follow")
    assert card.name == "follow-society.png"
    await open_on_both(bot, tg, line, card)
    assert shown(tg, FR_USER)[0].startswith("Vous suivez désormais l'atelier")
    assert line.deliveries_to(JA_LINE)[0].message["text"].startswith("今後、")
    async with bot.server.app.sessionmaker() as db:  # type: ignore[union-attr]
        follows = (await db.scalars(select(Subscription.track_code))).all()
    assert follows == ["society", "society"]


async def test_a_workshop_link_shows_its_sessions_with_a_follow_button(
    bot: Running, tg: FakeTelegram
) -> None:
    await bot.telegram(tg.message_update(FR_USER, "/start w-economy", language_code="fr"))
    (reply,) = tg.sent_messages(FR_USER)
    assert shown(tg, FR_USER)[0].startswith("Atelier 1 – Économie\n")
    buttons = [b["callback_data"] for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons[0] == "/follow economy"


async def test_all_cards_one_per_session_and_workshop(
    database: Database, tmp_path: Path, bot: Running
) -> None:
    database.env = lambda: {**Database.env(database), "TELEGRAM_BOT_USERNAME": BOT_NAME}  # type: ignore[method-assign]
    cards = qr(database, tmp_path, "--all", "--format", "svg")
    names = {c.name for c in cards}
    assert {"session-opening.svg", "workshop-economy.svg", "workshop-environment.svg"} <= names
    assert len(cards) == 12 + 3
    assert "<svg" in cards[0].read_text(encoding="utf-8")


async def test_unknown_payloads_get_a_polite_answer_in_the_delegates_language(
    bot: Running, tg: FakeTelegram, line: FakeLine
) -> None:
    cases = [
        ("/start zz-top", "link-unknown", {}),
        ("/start s-no-such-session", "link-session-unknown", {}),
        ("/start h-0123456789abcdef", "link-session-unknown", {}),
        ("/start f-cooking", "workshop-unknown", {"code": "cooking"}),
    ]
    for text, message, args in cases:
        tg.reset_calls()
        line.reset_calls()
        await bot.telegram(tg.message_update(FR_USER, text, language_code="fr"))
        await bot.line(line, [line.text_message_event(JA_LINE, text)])
        assert shown(tg, FR_USER)[0] == T("fr", message, **args)
        assert line.deliveries_to(JA_LINE)[0].message["text"] == T("ja", message, **args)
    async with bot.server.app.sessionmaker() as db:  # type: ignore[union-attr]
        assert (await db.scalars(select(Subscription))).all() == []
        assert len((await db.scalars(select(Delegate))).all()) == 2


async def test_qr_needs_a_platform_to_lead_to(database: Database, tmp_path: Path) -> None:
    import subprocess

    with pytest.raises(subprocess.CalledProcessError) as refused:
        qr(database, tmp_path, "--session", "opening")
    assert "TELEGRAM_BOT_USERNAME" in str(refused.value.stderr)
    database.env = lambda: {**Database.env(database), "LINE_BASIC_ID": BASIC_ID}  # type: ignore[method-assign]
    with pytest.raises(subprocess.CalledProcessError) as unknown:
        qr(database, tmp_path, "--session", "nope")
    assert "no session 'nope'" in str(unknown.value.stderr)
