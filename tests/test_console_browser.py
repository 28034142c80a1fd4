"""The organisers' web console in a real headless Chromium (Debian's package, driven by
Playwright), against `BotServer` on a real port, with the chat on the fake Telegram. Each
scenario is checked at the other end: what the delegate receives, what the database holds.

Set CONFBOT_SCREENSHOTS=docs to refresh the screenshots shown in the README.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import uvicorn
from playwright.async_api import Browser, FilePayload, Page, async_playwright
from sqlalchemy import select

from bench.fakes import FakeTelegram
from db.models import ProgrammeSession
from tests.conftest import Database, FixedClock
from tests.serving import Running, eventually, free_port, running, telegram_settings

pytestmark = [
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Please use 'Bot.sendMessage':UserWarning"),
]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()
# Chromium's own background traffic is refused by this machine's closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ORGANISER, DELEGATE, OTHER = 8001, 8002, 8003
SHOTS = os.environ.get("CONFBOT_SCREENSHOTS", "")
PROGRAMME_CSV = (Path(__file__).parent.parent / "content" / "programme.csv").read_text("utf-8")


@dataclass
class Desk:
    """The bot on a real port, the fake Telegram, and a browser."""

    bot: Running
    tg: FakeTelegram
    browser: Browser
    base: str

    async def say(self, user: int, text: str, lang: str = "fr") -> None:
        await self.bot.telegram(self.tg.message_update(user, text, language_code=lang))

    def texts(self, user: int) -> list[str]:
        return [str(m["text"]) for m in self.tg.sent_messages(user)]

    async def link(self) -> str:
        await self.say(ORGANISER, "/console")
        found = re.search(r"(/organisers/sign-in/[A-Za-z0-9_-]+)", self.texts(ORGANISER)[-1])
        assert found, self.texts(ORGANISER)[-1]
        return self.base + found.group(1)

    async def signed_in_page(self, lang: str = "fr-FR") -> Page:
        context = await self.browser.new_context(
            locale=lang, viewport={"width": 1200, "height": 900}
        )
        page = await context.new_page()
        await page.goto(await self.link())
        await page.click("#sign-in")
        await page.wait_for_url(f"{self.base}/organisers/")
        return page


@pytest.fixture
async def desk(database: Database, clock: FixedClock) -> AsyncIterator[Desk]:
    if not HAVE_CHROMIUM:
        pytest.fail("the browser tests need Debian's chromium: apt-get install chromium")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with FakeTelegram() as tg:
        settings = telegram_settings(tg, public_url=base, organisers=f"telegram:{ORGANISER}")
        async with running(database, clock, **settings) as bot:
            config = uvicorn.Config(
                bot.server.asgi, host="127.0.0.1", port=port, lifespan="off", log_level="warning"
            )
            server = uvicorn.Server(config)
            serving = asyncio.create_task(server.serve())
            await eventually(lambda: server.started)
            try:
                async with async_playwright() as playwright:
                    browser = await playwright.chromium.launch(
                        executable_path=CHROMIUM, args=CHROMIUM_ARGS
                    )
                    try:
                        yield Desk(bot, tg, browser, base)
                    finally:
                        await browser.close()
            finally:
                server.should_exit = True
                await serving


async def shot(page: Page, name: str) -> None:
    if SHOTS:
        await page.screenshot(path=str(Path(SHOTS) / f"console-{name}.png"), full_page=True)


async def test_sign_in_then_move_a_session_and_the_delegate_is_told(
    desk: Desk, clock: FixedClock
) -> None:
    await desk.say(DELEGATE, "/add ws-society")
    page = await desk.signed_in_page()
    await page.click("text=Programme")
    await page.click("a[href='/organisers/programme/ws-society']")
    await page.fill("input[name=start]", "15:00")
    await page.click("#preview-button")
    assert await page.inner_text("#told") == "Un délégué sera prévenu."
    await shot(page, "session")
    await page.click("#apply")
    await page.wait_for_selector("#changed")
    row = page.locator("tr[data-session='ws-society'] td.when")
    assert (await row.inner_text()).startswith("15:00")

    clock.now += timedelta(minutes=2)  # past the window that merges quick successive changes
    await eventually(lambda: any("→ mer. 20 nov., 15 h 00" in t for t in desk.texts(DELEGATE)))
    assert not any("15 h 00" in t for t in desk.texts(OTHER))


async def test_the_inbox_answers_back_from_the_browser(desk: Desk) -> None:
    question = "ou puis-je laisser mes valises pendant la journee ?"
    await desk.say(DELEGATE, question)
    await desk.say(OTHER, "où laisser mes valises ?")
    page = await desk.signed_in_page()
    await page.click("text=Questions sans réponse")
    group = page.locator("article.group").filter(has_text=question)
    await group.locator("summary", has_text="Rédiger une nouvelle entrée").click()
    form = group.locator("form.new-entry")
    await form.locator("input[name=new_id]").fill("luggage")
    await form.locator("input[name=title_fr]").fill("Bagages")
    await form.locator("input[name=title_ja]").fill("荷物")
    await form.locator("textarea[name=answer_fr]").fill(
        "Une consigne à bagages est ouverte à l'accueil pendant toute la journée."
    )
    await form.locator("textarea[name=answer_ja]").fill("受付で終日、荷物をお預かりします。")
    await form.locator("input[name=title_en]").fill("Luggage")
    await form.locator("textarea[name=answer_en]").fill("A luggage room is open at the reception.")
    await form.locator("textarea[name=questions_fr]").fill("bagagerie\nconsigne a bagages")
    await form.locator("textarea[name=questions_ja]").fill(
        "荷物を預けたい\nスーツケースはどこに置けますか\nクローク\n荷物預かり"
    )
    await form.locator("textarea[name=questions_en]").fill(
        "luggage storage\nwhere can I leave my suitcase\ncloakroom\nbag drop"
    )
    await shot(page, "inbox")
    await form.locator("button[type=submit]").click()
    await page.wait_for_selector("#done")
    assert "délégué" in await page.inner_text("#done")

    await eventually(lambda: any("Vous nous aviez demandé" in t for t in desk.texts(DELEGATE)))
    await desk.say(DELEGATE, question)
    assert "consigne à bagages" in desk.texts(DELEGATE)[-1]


async def test_refusals_a_forged_form_and_a_spent_link(desk: Desk, database: Database) -> None:
    page = await desk.signed_in_page()
    await page.goto(f"{desk.base}/organisers/programme/opening")
    await page.eval_on_selector("form.edit input[name=csrf]", "e => e.value = 'forged'")
    await page.fill("input[name=title_fr]", "Titre forgé")
    await page.click("#preview-button")
    assert "rien n'a été modifié" in await page.inner_text("main")
    async with desk.bot.server.app.sessionmaker() as db:  # type: ignore[union-attr]
        opening = await db.get(ProgrammeSession, "opening")
        assert opening is not None and opening.title_fr == "Cérémonie d'ouverture"

    link = await desk.link()
    first = await desk.browser.new_page()
    await first.goto(link)
    await first.click("#sign-in")
    second = await desk.browser.new_page()
    await second.goto(link)
    await second.click("#sign-in")
    # A browser that prefers English is refused in English.
    assert "no longer valid" in await second.inner_text("main")


async def test_the_overview_shows_the_figures(desk: Desk) -> None:
    for text in ("quel est le thème ?", "c'est quand l'atelier 2 ?", "il fait beau demain ?"):
        await desk.say(DELEGATE, text)
    await desk.say(OTHER, "テーマは何ですか", lang="ja")
    await desk.say(OTHER, "ou puis-je laisser mes valises ?")
    page = await desk.signed_in_page()
    assert await page.inner_text("#messages-24h") == "6"  # five questions and /console
    assert await page.inner_text("#active-24h") == "3"
    assert await page.inner_text("tr[data-channel=telegram] td[data-lang=fr]") == "1"
    assert await page.inner_text("tr[data-channel=telegram] td[data-lang=ja]") == "1"
    answered = page.locator("#per-day rect[data-outcome=answered]").last
    assert await answered.get_attribute("data-value") == "3"
    off_topic = page.locator("#per-day rect[data-outcome=off_topic]").last
    assert await off_topic.get_attribute("data-value") == "1"
    assert "Thème général" in await page.inner_text("#top-entries")
    await shot(page, "overview")

    # The organiser's language: Japanese, from the switcher.
    await page.select_option("select[name=language]", "ja")
    await page.click("text=Changer")
    assert await page.inner_text("h1") == "概要"
    async with desk.bot.server.app.sessionmaker() as db:  # type: ignore[union-attr]
        assert (await db.scalars(select(ProgrammeSession.id))).first() is not None


async def test_a_bilingual_broadcast_to_the_japanese_speakers(desk: Desk) -> None:
    await desk.say(DELEGATE, "bonjour")
    await desk.say(OTHER, "こんにちは", lang="ja")
    page = await desk.signed_in_page()
    await page.click("text=Annonces")
    await page.fill(
        "textarea[name=text_fr]", "La navette pour la réception part à 18 h devant l'entrée."
    )
    await page.fill(
        "textarea[name=text_ja]",
        "レセプション会場行きのシャトルバスは、18時に正面入口から出発します。",
    )
    await page.select_option("select[name=audience]", "language:ja")
    await page.click("#preview-broadcast")
    assert "Une personne la recevra" in await page.inner_text("#recipients")
    assert await page.inner_text("td[data-lang=ja]") == "1"
    await shot(page, "composer")
    await page.click("#send")
    await page.wait_for_selector("#created")
    # The page follows the delivery by itself until it is done.
    await page.wait_for_selector("article.delivery[data-status=done]", timeout=15000)
    assert await page.inner_text("article.delivery .percent") == "100 %"
    assert any("シャトルバス" in t for t in desk.texts(OTHER))
    assert not any("navette" in t for t in desk.texts(DELEGATE))


async def test_a_programme_file_with_a_bad_row_names_its_line_and_changes_nothing(
    desk: Desk,
) -> None:
    original = PROGRAMME_CSV
    broken = original.replace(",13:30,16:00,environment,", ",13:30,16h,environment,", 1)
    assert broken != original
    page = await desk.signed_in_page()
    await page.click("text=Programme")
    await page.set_input_files(
        "input[name=file]",
        files=[FilePayload(name="programme.csv", mimeType="text/csv", buffer=broken.encode())],
    )
    await page.click("#upload")
    problems = await page.inner_text("#problems")
    assert "rien n'a changé" in problems
    # The header is line 1; the organiser reads French, as the console speaks to them.
    assert "ligne 9, colonne end : « 16h » n'est pas une heure au format HH:MM." in problems, (
        problems
    )
    async with desk.bot.server.app.sessionmaker() as db:  # type: ignore[union-attr]
        workshop = await db.get(ProgrammeSession, "ws-environment")
        assert workshop is not None
        assert f"{workshop.ends_at.astimezone(desk.bot.server.app.deps.tz):%H:%M}" == "16:00"  # type: ignore[union-attr]


async def test_the_console_fits_a_phone(desk: Desk) -> None:
    await desk.say(DELEGATE, "ou puis-je laisser mes valises ?")
    context = await desk.browser.new_context(
        locale="ja-JP", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = await context.new_page()
    await page.goto(await desk.link())
    await page.click("#sign-in")
    await page.wait_for_url(f"{desk.base}/organisers/")
    for path in ("/organisers/", "/organisers/programme", "/organisers/inbox"):
        await page.goto(desk.base + path)
        wider = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wider <= 0, (path, wider)
    await page.goto(desk.base + "/organisers/")
    # The organiser's language in the bot wins over the browser's.
    assert await page.inner_text("h1") == "Vue d'ensemble"
    await shot(page, "phone")
