"""The organisers' web console through its routes (httpx on the ASGI app), with the chat on the
fake Telegram: sign-in from a chat link, refusals, the inbox that answers back, a session edit
that reaches the delegate, the overview's figures and the audit log."""

from __future__ import annotations

import ast
import asyncio
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from functools import partial
from html import unescape
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.fakes import FakeTelegram
from bot.i18n import Catalogues
from bot.web.console import (
    REFUSED,
    audit_details,
    audit_label,
    field_message,
    programme_problem_text,
    programme_warning_text,
)
from db.models import (
    AuditLog,
    Broadcast,
    BroadcastStatus,
    ConsoleSession,
    Delegate,
    OutboxMessage,
    Role,
    TurnCount,
    UnansweredQuestion,
    UnansweredStatus,
)
from handlers.features import command_registry
from handlers.schedule.files import Problem, ProblemKind, ProgrammeWarning, WarningKind
from handlers.schedule.model import COMPARED_FIELDS
from tests.conftest import DATA, Database, FixedClock
from tests.serving import Running, eventually, running, telegram_settings

pytestmark = [
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Please use 'Bot.sendMessage':UserWarning"),
]

ORGANISER, DELEGATE = 7001, 7002
PUBLIC = "http://bot"
LINK = re.compile(r"http://bot(/organisers/sign-in/[A-Za-z0-9_-]+)")


@pytest.fixture
async def bot(database: Database, clock: FixedClock, tg: FakeTelegram) -> AsyncIterator[Running]:
    settings = telegram_settings(tg, public_url=PUBLIC, organisers=f"telegram:{ORGANISER}")
    async with running(database, clock, **settings) as started:
        yield started


async def say(bot: Running, tg: FakeTelegram, user: int, text: str, lang: str = "fr") -> None:
    assert (
        await bot.telegram(tg.message_update(user, text, language_code=lang))
    ).status_code == 200


def db_of(bot: Running) -> async_sessionmaker[AsyncSession]:
    assert bot.server.app is not None
    return bot.server.app.sessionmaker


def last_text(tg: FakeTelegram, user: int) -> str:
    return str(tg.sent_messages(user)[-1]["text"])


async def link_from_chat(bot: Running, tg: FakeTelegram) -> str:
    await say(bot, tg, ORGANISER, "/console")
    found = LINK.search(last_text(tg, ORGANISER))
    assert found, last_text(tg, ORGANISER)
    return found.group(1)


async def sign_in(bot: Running, tg: FakeTelegram) -> httpx.AsyncClient:
    """A browser of its own (its own cookies), signed in from a link asked in chat."""
    path = await link_from_chat(bot, tg)
    browser = httpx.AsyncClient(transport=bot.client._transport, base_url="http://bot")
    shown = await browser.get(path)
    assert shown.status_code == 200 and 'id="sign-in"' in shown.text
    done = await browser.post(path)
    assert done.status_code == 303 and done.headers["location"] == "/organisers/"
    cookie = done.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/organisers" in cookie
    return browser


def fields_of(page: str) -> dict[str, str]:
    """The text fields of a page's forms, by name (what a browser would post back)."""
    return dict(re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', page))


async def first_group_ids(browser: httpx.AsyncClient) -> tuple[str, str]:
    """The inbox page and the question ids of its first group."""
    inbox = await browser.get("/organisers/inbox")
    ids = re.search(r'data-ids="([0-9,]+)"', inbox.text)
    assert ids, inbox.text
    return inbox.text, ids.group(1)


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found.group(1)


async def test_sign_in_from_a_chat_link_once_and_not_after_ten_minutes(
    bot: Running, tg: FakeTelegram, clock: FixedClock
) -> None:
    browser = await sign_in(bot, tg)
    page = await browser.get("/organisers/")
    assert page.status_code == 200
    assert "Vue d'ensemble" in unescape(page.text) and page.headers["cache-control"] == "no-store"

    # The link is spent: a second browser cannot use it.
    path = LINK.search(last_text(tg, ORGANISER))
    assert path
    other = await bot.client.post(path.group(1))
    assert other.status_code == 401 and "n'est plus valable" in unescape(other.text)

    # A link older than ten minutes is refused too.
    late = await link_from_chat(bot, tg)
    clock.now += timedelta(minutes=11)
    assert (await bot.client.post(late)).status_code == 401


async def test_a_delegate_gets_no_link_and_forged_cookies_open_nothing(
    bot: Running, tg: FakeTelegram, database: Database
) -> None:
    await say(bot, tg, DELEGATE, "/console")
    assert "réservée aux organisateurs" in last_text(tg, DELEGATE)
    assert "/organisers/sign-in/" not in last_text(tg, DELEGATE)

    forged = httpx.AsyncClient(
        transport=bot.client._transport,
        base_url="http://bot",
        cookies={"confbot_console": str(DELEGATE)},
    )
    for path in ("/organisers/", "/organisers/inbox", "/organisers/audit"):
        assert (await forged.get(path)).status_code == 401
    refused = await forged.post("/organisers/inbox/dismiss", data={"ids": "1", "csrf": "x"})
    assert refused.status_code == 401


async def test_a_form_without_its_csrf_token_changes_nothing_and_is_audited(
    bot: Running, tg: FakeTelegram, database: Database
) -> None:
    await say(bot, tg, DELEGATE, "ou puis-je laisser mes valises pendant la journee ?")
    browser = await sign_in(bot, tg)
    _page, group = await first_group_ids(browser)
    refused = await browser.post("/organisers/inbox/dismiss", data={"ids": group})
    assert refused.status_code == 403
    wrong = await browser.post("/organisers/inbox/dismiss", data={"ids": group, "csrf": "x"})
    assert wrong.status_code == 403
    async with db_of(bot)() as db:
        statuses = (await db.scalars(select(UnansweredQuestion.status))).all()
        refusals = await db.scalar(
            select(func.count()).where(AuditLog.action == "console.csrf-refused")
        )
    assert statuses == [UnansweredStatus.OPEN]
    assert refusals == 2


async def test_an_organiser_removed_meanwhile_is_signed_out(
    bot: Running, tg: FakeTelegram, database: Database
) -> None:
    browser = await sign_in(bot, tg)
    async with db_of(bot).begin() as db:
        delegate = await db.scalar(
            select(Delegate).where(Delegate.channel_user_id == str(ORGANISER))
        )
        assert delegate is not None
        delegate.role = Role.DELEGATE
    assert (await browser.get("/organisers/")).status_code == 401
    async with db_of(bot)() as db:
        assert await db.scalar(select(func.count()).select_from(ConsoleSession)) == 0


async def test_the_inbox_answers_back_and_the_bot_answers_from_then_on(
    bot: Running, tg: FakeTelegram, database: Database
) -> None:
    question = "ou puis-je laisser mes valises pendant la journee ?"
    await say(bot, tg, DELEGATE, question)
    assert "transmis" in last_text(tg, DELEGATE)

    browser = await sign_in(bot, tg)
    inbox = await browser.get("/organisers/inbox")
    assert question in unescape(inbox.text)
    ids = re.search(r'data-ids="([0-9,]+)"', inbox.text)
    assert ids
    done = await browser.post(
        "/organisers/inbox/attach",
        data={
            "csrf": csrf_of(inbox.text),
            "ids": ids.group(1),
            "mode": "new",
            "new_id": "luggage",
            "title_fr": "Bagages",
            "title_ja": "荷物の預かり",
            "title_en": "Luggage",
            "answer_fr": "Une consigne à bagages est ouverte à l'accueil toute la journée.",
            "answer_ja": "受付で終日、荷物をお預かりします。",
            "answer_en": "A luggage room is open at the reception desk all day.",
            "questions_fr": "consigne a bagages\nou deposer ma valise\nbagagerie",
            "questions_ja": "荷物を預けたい\nスーツケースはどこに置けますか\nクローク\n荷物預かり",
            "questions_en": "luggage storage\nwhere can I leave my suitcase\ncloakroom\nbag drop",
            "tell": "1",
        },
    )
    assert done.status_code == 303
    after = await browser.get(done.headers["location"])
    assert "La réponse est envoyée au délégué qui l'a posée." in unescape(after.text)
    assert question not in unescape(after.text)

    # The delegate who asked receives the answer, in French, through the outbox.
    def answered() -> bool:
        return any("Vous nous aviez demandé" in str(m["text"]) for m in tg.sent_messages(DELEGATE))

    await eventually(answered)
    pushed = next(m for m in tg.sent_messages(DELEGATE) if "Vous nous aviez demandé" in m["text"])
    assert question in pushed["text"] and "consigne à bagages" in pushed["text"]

    # The same question, asked again, is answered now.
    await say(bot, tg, DELEGATE, question)
    assert "consigne à bagages" in last_text(tg, DELEGATE)
    async with db_of(bot)() as db:
        actions = (await db.scalars(select(AuditLog.action))).all()
    assert "unanswered.attach" in actions


async def test_a_session_edit_is_previewed_then_told_to_the_delegate_who_has_it(
    bot: Running, tg: FakeTelegram, clock: FixedClock
) -> None:
    await say(bot, tg, DELEGATE, "/add ws-economy")
    browser = await sign_in(bot, tg)
    form = await browser.get("/organisers/programme/ws-economy")
    assert form.status_code == 200
    values = fields_of(form.text)
    values.update(csrf=csrf_of(form.text), start="16:00", action="preview")
    values["end"] = "17:30"
    preview = await browser.post("/organisers/programme/ws-economy", data=values)
    assert preview.status_code == 200
    assert "Un délégué sera prévenu." in unescape(preview.text)
    tg.reset_calls()

    values["action"] = "apply"
    applied = await browser.post("/organisers/programme/ws-economy", data=values)
    assert applied.status_code == 303
    clock.now += timedelta(minutes=2)  # past the window that merges quick successive changes

    def told() -> bool:
        return any(
            "→ mer. 20 nov., 16 h 00–17 h 30" in m["text"] for m in tg.sent_messages(DELEGATE)
        )

    await eventually(told)
    programme = await browser.get("/organisers/programme")
    assert "16:00–17:30" in programme.text

    # A value the model refuses is said in the organiser's language, and nothing changes.
    values.update(end="07:00", action="apply")
    refused = await browser.post("/organisers/programme/ws-economy", data=values)
    assert refused.status_code == 422
    assert "postérieure à l'heure de début" in unescape(refused.text)


async def test_titles_are_escaped(bot: Running, tg: FakeTelegram) -> None:
    browser = await sign_in(bot, tg)
    form = await browser.get("/organisers/programme/opening")
    values = fields_of(form.text)
    values.update(csrf=csrf_of(form.text), title_fr="<script>alert(1)</script>", action="apply")
    assert (await browser.post("/organisers/programme/opening", data=values)).status_code == 303
    page = await browser.get("/organisers/programme")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


async def test_overview_counts_turns_and_forget_erases_them(
    bot: Running, tg: FakeTelegram, database: Database
) -> None:
    await say(bot, tg, DELEGATE, "quel est le thème ?")
    await say(bot, tg, DELEGATE, "il va pleuvoir demain ?")
    await say(bot, tg, DELEGATE, "combien coute le badge si je le perds ?")
    await say(bot, tg, DELEGATE + 1, "テーマは何ですか", lang="ja")
    browser = await sign_in(bot, tg)
    figures = (await browser.get("/organisers/overview.json")).json()
    assert figures["delegates"]["telegram"] == {"fr": 1, "ja": 1}
    assert figures["active_24h"] == 3  # the organiser wrote /console
    assert figures["messages_24h"] == 5
    today = figures["per_day"][-1][1]
    assert today == {"answered": 2, "clarified": 0, "fallback": 1, "off_topic": 1}, figures
    assert figures["top_entries"][0] == ["theme-general", 2]
    page = await browser.get("/organisers/")
    assert 'id="messages-24h">5<' in page.text and "<svg" in page.text

    await say(bot, tg, DELEGATE, "/forget")
    await say(bot, tg, DELEGATE, "/forget yes")
    after = (await browser.get("/organisers/overview.json")).json()
    assert after["delegates"]["telegram"] == {"ja": 1}
    # The counts keep no trace of who wrote: nothing of the forgotten delegate is left there.
    assert {c.name for c in TurnCount.__table__.c} == {
        "hour",
        "channel",
        "language",
        "outcome",
        "intent",
        "detail",
        "count",
    }
    assert after["messages_24h"] == figures["messages_24h"] + 1  # /forget itself; "yes" erased


async def test_audit_log_page_and_sign_out_everywhere(bot: Running, tg: FakeTelegram) -> None:
    first = await sign_in(bot, tg)
    second = await sign_in(bot, tg)
    audit = await first.get("/organisers/audit")
    assert audit.status_code == 200 and "console.sign-in" in audit.text
    # Each action is named in the organiser's language, its code kept beside it for support.
    shown = unescape(audit.text)
    assert re.search(r'title="console\.sign-in">Connexion à la console <small', shown), shown
    assert "Lien de connexion à la console demandé" in shown
    assert not re.search(r">console\.(sign-in|link)</td>", shown)
    out = await first.post(
        "/organisers/sign-out", data={"csrf": csrf_of(audit.text), "everywhere": "1"}
    )
    assert out.status_code == 200
    assert (await second.get("/organisers/")).status_code == 401
    assert (await first.get("/organisers/")).status_code == 401


async def test_a_broadcast_to_japanese_speakers_reaches_only_them_and_can_be_scheduled_or_cancelled(
    bot: Running, tg: FakeTelegram, clock: FixedClock, database: Database
) -> None:
    await say(bot, tg, DELEGATE, "bonjour")
    await say(bot, tg, DELEGATE + 1, "こんにちは", lang="ja")
    browser = await sign_in(bot, tg)
    page = await browser.get("/organisers/broadcasts")
    form = {
        "csrf": csrf_of(page.text),
        "text_fr": "La navette part à 17 h.",
        "text_ja": "シャトルバスは17時に出発します。",
        "text_en": "",
        "audience": "language:ja",
        "send_at": "",
    }
    preview = await browser.post("/organisers/broadcasts/preview", data=form)
    assert preview.status_code == 200
    shown = unescape(preview.text)
    assert "Une personne la recevra" in shown
    assert "シャトルバスは17時に出発します。" in shown
    key = re.search(r'name="key" value="([0-9a-f]+)"', preview.text)
    assert key
    # Changed after its preview: previewed again, not sent.
    changed = await browser.post(
        "/organisers/broadcasts/send",
        data={**form, "key": key.group(1), "audience": "all"},
    )
    assert changed.status_code == 409 and 'id="broadcast-preview"' in changed.text
    tg.reset_calls()
    sent = await browser.post("/organisers/broadcasts/send", data={**form, "key": key.group(1)})
    assert sent.status_code == 303
    again = await browser.post("/organisers/broadcasts/send", data={**form, "key": key.group(1)})
    assert again.headers["location"] == sent.headers["location"]  # the same one, not a second

    await eventually(lambda: bool(tg.sent_messages(DELEGATE + 1)))
    assert "シャトルバス" in last_text(tg, DELEGATE + 1)
    assert not tg.sent_messages(DELEGATE)

    async def done() -> dict[str, object]:
        state = (await browser.get("/organisers/broadcasts.json")).json()
        return dict(next(iter(state.values())))

    for _ in range(200):
        state = await done()
        if state["status"] == "done":
            break
        await asyncio.sleep(0.05)
    assert state["percent"] == 100 and state["counts"] == {"sent": 1}

    # Scheduled for later, then cancelled before it goes out: nobody receives it.
    form["send_at"] = "2024-11-19T08:00"
    past = await browser.post("/organisers/broadcasts/preview", data=form)
    assert past.status_code == 422 and "Cette heure est passée" in unescape(past.text)
    form["send_at"] = "2024-11-21T08:00"
    form["text_fr"] = "Rappel : départ à 8 h."
    scheduled = await browser.post("/organisers/broadcasts/preview", data=form)
    key = re.search(r'name="key" value="([0-9a-f]+)"', scheduled.text)
    assert key
    form["key"] = key.group(1)
    assert (await browser.post("/organisers/broadcasts/send", data=form)).status_code == 303
    listing = await browser.get("/organisers/broadcasts")
    cancel = re.search(r'action="(/organisers/broadcasts/\d+/cancel)"', listing.text)
    assert cancel
    done_cancel = await browser.post(cancel.group(1), data={"csrf": csrf_of(listing.text)})
    assert done_cancel.status_code == 303
    again = await browser.post(cancel.group(1), data={"csrf": csrf_of(listing.text)})
    assert again.status_code == 409
    # The French and Japanese texts are required.
    form.update(text_ja="", send_at="")
    refused = await browser.post("/organisers/broadcasts/preview", data=form)
    assert refused.status_code == 422
    assert "obligatoires" in unescape(refused.text)

    async with db_of(bot)() as db:
        cancelled = (await db.scalars(select(Broadcast).order_by(Broadcast.id.desc()))).first()
        assert cancelled is not None and cancelled.status is BroadcastStatus.CANCELLED
        group = f"broadcast:{cancelled.id}"
        left = await db.scalar(select(func.count()).where(OutboxMessage.group_key == group))
    assert left == 0
    clock.now += timedelta(days=2)
    await asyncio.sleep(0.3)
    assert not any("Rappel" in m["text"] for m in tg.sent_messages(DELEGATE + 1))


async def test_a_programme_file_is_previewed_then_imported_and_a_bad_row_changes_nothing(
    bot: Running, tg: FakeTelegram, clock: FixedClock
) -> None:
    await say(bot, tg, DELEGATE, "/add ws-environment")
    browser = await sign_in(bot, tg)
    page = await browser.get("/organisers/programme")
    csrf = csrf_of(page.text)
    exported = await browser.get("/organisers/programme/export?format=csv&lang=fr")
    assert exported.status_code == 200
    assert exported.headers["content-disposition"] == 'attachment; filename="programme.csv"'
    assert exported.content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    original = exported.text

    broken = original.replace(",13:30,16:00,environment,", ",25:00,16:00,environment,", 1)
    assert broken != original
    refused = await browser.post(
        "/organisers/programme/upload",
        data={"csrf": csrf},
        files={"file": ("programme.csv", broken.encode(), "text/csv")},
    )
    assert refused.status_code == 422
    told = unescape(refused.text)
    assert re.search(
        r"ligne \d+, colonne start : « 25:00 » n'est pas une heure au format HH:MM\.", told
    ), told
    assert "rien n'a changé" in told
    assert "is not a time" not in told and not re.search(r"\bline \d", told)  # no English
    assert (await browser.get("/organisers/programme/export?format=csv")).text == original

    moved = "\n".join(
        line.replace(",13:30,16:00,environment,", ",15:00,17:30,environment,")
        if line.startswith("ws-environment,")
        else line
        for line in original.split("\n")
    )
    assert moved != original
    preview = await browser.post(
        "/organisers/programme/upload",
        data={"csrf": csrf},
        files={"file": ("programme-v2.csv", moved.encode(), "text/csv")},
    )
    assert preview.status_code == 200, preview.text
    shown = unescape(preview.text)
    assert "Sessions ajoutées : 0 · supprimées : 0 · modifiées : 1" in shown
    assert "Un délégué sera prévenu." in shown
    data = re.search(r'name="data" value="([^"]+)"', preview.text)
    assert data
    version = re.search(r'name="version" value="(\d+)"', preview.text)
    assert version
    form = {"csrf": csrf, "name": "programme-v2.csv", "data": data.group(1), "action": "apply"}
    # Another organiser changes the programme meanwhile: the confirmation shows the changes
    # again instead of applying a diff nobody has seen.
    other = await browser.get("/organisers/programme/opening")
    values = fields_of(other.text)
    values.update(csrf=csrf, room_fr="Salle 12", action="apply")
    assert (await browser.post("/organisers/programme/opening", data=values)).status_code == 303
    stale = await browser.post(
        "/organisers/programme/upload/confirm", data={**form, "version": version.group(1)}
    )
    assert stale.status_code == 200 and 'id="stale"' in stale.text
    assert "Salle 12" in unescape(stale.text)  # the file would undo it: the preview says so
    fresh = re.search(r'name="version" value="(\d+)"', stale.text)
    assert fresh and fresh.group(1) != version.group(1)
    applied = await browser.post(
        "/organisers/programme/upload/confirm", data={**form, "version": fresh.group(1)}
    )
    assert applied.status_code == 303
    clock.now += timedelta(minutes=2)
    await eventually(lambda: any("15 h 00" in m["text"] for m in tg.sent_messages(DELEGATE)))


async def test_a_refused_programme_file_is_explained_in_japanese_to_a_japanese_organiser(
    bot: Running, tg: FakeTelegram
) -> None:
    await say(bot, tg, ORGANISER, "/lang ja")
    browser = await sign_in(bot, tg)
    page = await browser.get("/organisers/programme")
    csrf = csrf_of(page.text)
    original = (await browser.get("/organisers/programme/export?format=csv")).text

    async def refusal(name: str, data: bytes) -> str:
        refused = await browser.post(
            "/organisers/programme/upload",
            data={"csrf": csrf},
            files={"file": (name, data, "application/octet-stream")},
        )
        assert refused.status_code == 422, refused.text
        told = unescape(refused.text)
        assert "ファイルは取り込まれず、何も変更されていません。" in told
        return told

    broken = original.replace(",13:30,16:00,environment,", ",13:30,25:00,environment,", 1)
    assert broken != original
    told = await refusal("programme.csv", broken.encode())
    assert re.search(r"\d+行目の「end」列：「25:00」は時刻（HH:MM）として読めません。", told), told
    assert "is not a time" not in told

    no_track = original.replace(",track,", ",", 1)
    told = await refusal("programme.csv", no_track.encode())
    assert "1行目の「track」列：必須の列がありません。" in told, told

    told = await refusal("programme.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert "<li>PDFはconfbotでは読めません。" in told, told
    told = await refusal("programme.csv", b"")
    assert "1行目：ファイルが空です。" in told, told
    assert (await browser.get("/organisers/programme/export?format=csv")).text == original


# What an upload preview warns of, in each organiser's language; none of the command line's
# English (handlers/schedule: files.py, formats.py, c3voc/read.py, c3voc/tracks.py).
UPLOAD_WARNINGS = {
    "fr": [
        r"ligne \d+ : la session « ws-environment » n'a pas de titre en japonais \(title_ja\) : "
        r"son titre français sera affiché à la place\.",
        r"Le fichier n'est pas en UTF-8 : il a été lu en cp932 \(Shift-JIS\)\. Vérifiez les "
        r"accents des textes français",
        r"Le type de session « Visites professionnelles » ne figure pas dans content/tracks\.yaml"
        r" : ses sessions sont importées sous le code « visites-professionnelles »",
        r"Une session n'a pas de type \(track\) : elle est importée sous le code « other »\.",
        r"7 sessions n'ont leur titre que dans une langue \(selon le fichier : fr, ja\)",
        r"\$\.schedule\.conference\.days\[2\]\.rooms\.全体会場\[0\]\.slug : écart par "
        r"rapport au schéma c3voc, qui n'empêche pas l'import \('rencontres2024-12-' does not",
    ],
    "ja": [
        r"\d+行目：セッション「ws-environment」には日本語のタイトル（title_ja）がないため、"
        r"フランス語のタイトルを代わりに表示します。",
        r"ファイルがUTF-8ではないため、cp932 \(Shift-JIS\)として読み込みました。",
        r"区分「Visites professionnelles」はcontent/tracks\.yamlにないため、"
        r"コード「visites-professionnelles」として取り込みます",
        r"区分（track）のないセッションが1件あります。コード「other」として取り込みます。",
        r"タイトルが1つの言語でしか書かれていないセッションが7件あります（ファイル上の言語：fr、ja）",
        r"\$\.schedule\.conference\.days\[2\]\.rooms\.全体会場\[0\]\.slug：c3vocのスキーマに"
        r"合っていません（取り込みには影響しません）。詳細：'rencontres2024-12-' does not",
    ],
}
READINGS = {
    "fr": [
        "Lu comme un fichier CSV : Shift-JIS (cp932), séparé par des virgules.",
        "Lu comme un schedule.json de pretalx ou de frab.",
    ],
    "ja": [
        "CSVファイル（Shift_JIS、カンマ区切り）として読み込みました。",
        "pretalx・frab形式のschedule.jsonとして読み込みました。",
    ],
}
ENGLISH_WARNINGS = (
    "no title_ja",
    "the French title is used",
    "read as cp932",
    "check the accents",
    "is not in content/tracks.yaml: imported as",
    "session(s)",
    "without a track",
    "one language only",
    "schema: $",
)


@pytest.mark.parametrize("language", ["fr", "ja"])
async def test_an_upload_preview_warns_in_the_organisers_language(
    bot: Running, tg: FakeTelegram, language: str
) -> None:
    await say(bot, tg, ORGANISER, f"/lang {language}")
    browser = await sign_in(bot, tg)
    csrf = csrf_of((await browser.get("/organisers/programme")).text)

    async def preview(name: str, data: bytes) -> str:
        shown = await browser.post(
            "/organisers/programme/upload",
            data={"csrf": csrf},
            files={"file": (name, data, "application/octet-stream")},
        )
        assert shown.status_code == 200, shown.text
        page = unescape(shown.text)
        readings.append(page.split('<p class="muted" id="reading">', 1)[-1].split("</p>", 1)[0])
        return page.split('<ul class="warnings">', 1)[-1].split("</ul>", 1)[0]

    readings: list[str] = []

    # A session without its Japanese title, in a file Japanese Excel saved (cp932).
    text = (
        "id,date,start,end,track,title_fr,title_ja\n"
        "opening,2024-11-20,09:30,10:00,plenary,Ouverture,開会式\n"
        "ws-environment,2024-11-20,13:30,16:00,environment,Atelier 3 Environnement,\n"
    )
    warnings = await preview("programme.csv", text.encode("cp932"))
    warnings += await preview("schedule.json", (DATA / "pretalx-schedule.json").read_bytes())
    for expected in UPLOAD_WARNINGS[language]:
        assert re.search(expected, warnings), (expected, warnings)
    assert not [english for english in ENGLISH_WARNINGS if english in warnings], warnings
    assert readings == READINGS[language]


def test_an_import_warning_joins_its_lists_with_the_languages_own_separator() -> None:
    """The languages and the sessions a warning lists are joined with the catalogues'
    list-separator: 「、」 in Japanese, never the command line's ", "."""
    warning = ProgrammeWarning(
        WarningKind.ONE_LANGUAGE,
        count=7,
        languages=("fr", "ja"),
        sessions=("opening", "ws-economy", "ws-environment", "ws-welfare", "closing"),
    )
    catalogues = Catalogues()
    japanese = programme_warning_text(partial(catalogues, "ja"), warning)
    assert "（ファイル上の言語：fr、ja）" in japanese, japanese
    assert "（opening、ws-economy、ws-environment、ws-welfare、closing…）" in japanese, japanese
    assert ", " not in japanese, japanese
    for language in ("fr", "en"):
        text = programme_warning_text(partial(catalogues, language), warning)
        assert "fr, ja" in text and "ws-welfare, closing…" in text, (language, text)
        assert "、" not in text, (language, text)


def test_a_missing_sheet_lists_the_sheets_with_the_languages_own_separator() -> None:
    problem = Problem(
        0,
        "",
        "no sheet 'Final' (sheets: Programme, Brouillon)",
        kind=ProblemKind.NO_SHEET,
        value="Final",
        expected="Programme, Brouillon",
        choices=("Programme", "Brouillon"),
    )
    catalogues = Catalogues()
    japanese = programme_problem_text(partial(catalogues, "ja"), problem)
    assert "Programme、Brouillon" in japanese and ", " not in japanese, japanese
    french = programme_problem_text(partial(catalogues, "fr"), problem)
    assert "Programme, Brouillon" in french and "Final" in french, french


async def test_an_incomplete_new_entry_is_refused_in_the_organisers_language(
    bot: Running, tg: FakeTelegram
) -> None:
    await say(bot, tg, DELEGATE, "ou puis-je laisser mes valises pendant la journee ?")
    browser = await sign_in(bot, tg)
    inbox_page, group = await first_group_ids(browser)
    refused = await browser.post(
        "/organisers/inbox/attach",
        data={
            "csrf": csrf_of(inbox_page),
            "ids": group,
            "mode": "new",
            "new_id": "luggage",
            "title_fr": "Bagages",
            "title_ja": "荷物",
            "answer_fr": "À l'accueil.",
            "answer_ja": "受付で。",
        },
    )
    assert refused.status_code == 422
    shown = unescape(refused.text)
    assert "luggage : il manque la réponse en anglais." in shown
    assert "luggage : il faut au moins 4 façons de poser la question en japonais" in shown
    assert "entry" not in shown.split("</header>")[1].split("<datalist")[0]
    assert "À l&#39;accueil." in refused.text or "À l'accueil." in shown  # kept, not retyped
    assert 'value="luggage"' in refused.text


async def test_the_faq_editor_warns_before_an_entry_takes_other_entries_questions(
    bot: Running, tg: FakeTelegram
) -> None:
    browser = await sign_in(bot, tg)
    listing = await browser.get("/organisers/faq?q=theme")
    assert 'data-id="theme-general"' in listing.text
    assert 'data-id="dates"' not in listing.text
    form = await browser.get("/organisers/faq/dates")
    values = fields_of(form.text)
    values.update(
        {
            name: unescape(text)
            for name, text in re.findall(
                r'<textarea name="(\w+)"[^>]*>(.*?)</textarea>', form.text, re.S
            )
        }
    )
    theme = await browser.get("/organisers/faq/theme-general")
    theirs = re.search(r'<textarea name="questions_fr"[^>]*>(.*?)</textarea>', theme.text, re.S)
    assert theirs
    values["questions_fr"] += "\n" + unescape(theirs.group(1))  # every way to ask the theme
    stolen = await browser.post("/organisers/faq/dates", data=values)
    assert stolen.status_code == 409
    assert "theme-general" in unescape(stolen.text)
    await say(bot, tg, DELEGATE, "Quel est le thème général des 8e Rencontres ?")
    assert "nouvelles valeurs mondiales" in last_text(tg, DELEGATE)  # nothing was saved

    values["confirm"] = "1"
    saved = await browser.post("/organisers/faq/dates", data=values)
    assert saved.status_code == 303

    values.pop("confirm")
    # The form was opened before that save: saving it again would undo it, so it is refused.
    stale = await browser.post("/organisers/faq/dates", data=values)
    assert stale.status_code == 409 and "Un autre organisateur" in unescape(stale.text)
    fresh = re.search(r'name="version" value="([0-9a-f]+)"', stale.text)
    assert fresh
    values["version"] = fresh.group(1)
    values["questions_en"] = ""
    refused = await browser.post("/organisers/faq/dates", data=values)
    assert refused.status_code == 422
    assert "au moins 4 façons de poser la question en anglais" in unescape(refused.text)

    unsure = await browser.post("/organisers/faq/sdgs/delete", data={"csrf": values["csrf"]})
    assert unsure.status_code == 422
    assert (await browser.get("/organisers/faq/sdgs")).status_code == 200
    deleted = await browser.post(
        "/organisers/faq/sdgs/delete", data={"csrf": values["csrf"], "sure": "1"}
    )
    assert deleted.status_code == 303
    assert (await browser.get("/organisers/faq/sdgs")).status_code == 404


TOPIC_NAMES = {
    "fr": {"theme": "Thème", "practical": "Infos pratiques", "topics": "Sujets par atelier"},
    "ja": {"theme": "テーマ", "practical": "開催概要", "topics": "分科会別のテーマ例"},
}


@pytest.mark.parametrize("language", ["fr", "ja"])
async def test_faq_topics_are_named_in_the_organisers_language(
    bot: Running, tg: FakeTelegram, language: str
) -> None:
    await say(bot, tg, ORGANISER, f"/lang {language}")
    browser = await sign_in(bot, tg)
    names = TOPIC_NAMES[language]
    listing = unescape((await browser.get("/organisers/faq")).text)
    for code, name in names.items():
        assert f'<td class="muted topic">{name}</td>' in listing, (code, listing)
        assert f">{code}</td>" not in listing, code
    form = await browser.get("/organisers/faq/dates")
    assert topic_chosen(form.text) == [names["practical"]]
    assert '<option value="theme">' + names["theme"] in unescape(form.text)
    # Saving from the form keeps the topic chosen (the select posts its code).
    values = fields_of(form.text)
    values.update(
        {
            name: unescape(text)
            for name, text in re.findall(
                r'<textarea name="(\w+)"[^>]*>(.*?)</textarea>', form.text, re.S
            )
        }
    )
    values["topic"] = "theme"
    assert (await browser.post("/organisers/faq/dates", data=values)).status_code == 303
    assert topic_chosen((await browser.get("/organisers/faq/dates")).text) == [names["theme"]]


def topic_chosen(page: str) -> list[str]:
    """The names selected in an FAQ entry's topic menu."""
    menu = re.search(r'<select name="topic">(.*?)</select>', unescape(page), re.S)
    assert menu, page
    return re.findall(r"<option[^>]* selected>([^<]*)</option>", menu.group(1))


async def test_sign_in_attempts_are_limited_and_refusals_audited(
    bot: Running, tg: FakeTelegram, clock: FixedClock
) -> None:
    attacker = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=bot.server.asgi, client=("203.0.113.9", 4000)),
        base_url="http://bot",
    )
    for attempt in range(10):
        refused = await attacker.post(f"/organisers/sign-in/forged-{attempt}")
        assert refused.status_code == 401
    assert (await attacker.post("/organisers/sign-in/forged-11")).status_code == 429
    # From that address even a good link waits; from another, it works.
    path = await link_from_chat(bot, tg)
    assert (await attacker.post(path)).status_code == 429
    browser = await sign_in(bot, tg)
    # An idle session ends, and the cookie it leaves opens nothing.
    clock.now += timedelta(hours=3)
    assert (await browser.get("/organisers/")).status_code == 401
    async with db_of(bot)() as db:
        actions = (await db.scalars(select(AuditLog.action))).all()
    assert actions.count("console.sign-in-refused") == 10
    assert "console.session-refused" in actions


async def test_a_room_renamed_in_japanese_only_is_told_to_japanese_readers_only(
    bot: Running, tg: FakeTelegram, clock: FixedClock
) -> None:
    await say(bot, tg, DELEGATE, "/add ws-society")
    await say(bot, tg, DELEGATE + 1, "/add ws-society", lang="ja")
    await say(bot, tg, DELEGATE + 1, "/lang ja", lang="ja")
    browser = await sign_in(bot, tg)
    form = await browser.get("/organisers/programme/ws-society")
    values = fields_of(form.text)
    values.update(csrf=csrf_of(form.text), room_ja="第９会場", action="apply")
    tg.reset_calls()
    assert (await browser.post("/organisers/programme/ws-society", data=values)).status_code == 303
    clock.now += timedelta(minutes=2)
    await eventually(lambda: any("第９会場" in m["text"] for m in tg.sent_messages(DELEGATE + 1)))
    await asyncio.sleep(0.3)
    assert tg.sent_messages(DELEGATE) == []  # its French room did not change


async def test_an_entry_is_found_by_its_title_and_the_language_switch_returns_to_the_section(
    bot: Running, tg: FakeTelegram
) -> None:
    await say(bot, tg, DELEGATE, "ou puis-je laisser mes valises pendant la journee ?")
    browser = await sign_in(bot, tg)
    inbox_page, group = await first_group_ids(browser)
    attached = await browser.post(
        "/organisers/inbox/attach",
        data={
            "csrf": csrf_of(inbox_page),
            "ids": group,
            "entry_id": "lieu exact",
            "tell": "",
        },
    )
    assert attached.status_code == 303  # the venue entry's French title, in lower case
    # After a form, the switcher goes back to the section's page, not to the form's address.
    refused = await browser.post(
        "/organisers/inbox/attach",
        data={"csrf": csrf_of(inbox_page), "ids": group, "entry_id": "venue"},
    )
    assert refused.status_code == 422
    assert 'name="back" value="/inbox"' in refused.text


async def test_audit_actions_are_named_in_japanese_with_their_code_for_support(
    bot: Running, tg: FakeTelegram, clock: FixedClock
) -> None:
    await say(bot, tg, ORGANISER, "/lang ja")
    await say(bot, tg, DELEGATE, "/broadcast")  # an organisers' command, refused
    browser = await sign_in(bot, tg)
    async with db_of(bot).begin() as db:
        db.add(AuditLog(at=clock.now, actor="cli", action="old.action", detail={}))
        db.add(
            AuditLog(
                at=clock.now,
                actor="cli",
                action="programme.import",
                detail={
                    "added": ["reception"],
                    "changed": {"opening": ["start", "room_ja"]},
                    "old_key": 3,
                },
            )
        )
    shown = unescape((await browser.get("/organisers/audit")).text)
    # The detail is read in Japanese, not as JSON: an unknown (old) key keeps its name.
    assert '<span class="muted">追加：</span> reception</span>' in shown
    assert '<span class="muted">変更：</span> opening (start、room_ja)</span>' in shown
    assert '<span class="muted">old_key</span> 3</span>' in shown
    assert "{&#34;" not in shown and '{"added"' not in shown
    for label, code in [
        ("表示言語の変更（/lang）", "delegate.language"),
        ("事務局専用コマンドの拒否（/broadcast）", "refused.broadcast"),
        ("コンソールのログインリンクの発行", "console.link"),
        ("コンソールへのログイン", "console.sign-in"),
    ]:
        assert f'title="{code}">{label} <small class="muted code">{code}</small>' in shown, code
        assert f">{code}</td>" not in shown
    assert '<td class="action" title="old.action">old.action</td>' in shown  # unknown: its code


def _audit_actions_in_source() -> set[str]:
    """Every action the code writes to the audit log: the `action=` of each `audit(...)` and
    `AuditLog(...)` in bot/ and handlers/, a literal or a name its function assigns literals
    to; an f-string stands for its literal head ("refused.")."""
    root = Path(__file__).resolve().parent.parent
    found: set[str] = set()
    for path in [*(root / "bot").rglob("*.py"), *(root / "handlers").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if function.name == "audit":  # the writer itself: its action is a parameter
                continue
            assigned: dict[str, set[str]] = {}
            for node in ast.walk(function):
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                    assigned[node.targets[0].id] = {
                        c.value
                        for c in ast.walk(node.value)
                        if isinstance(c, ast.Constant) and isinstance(c.value, str)
                    }
            for call in ast.walk(function):
                if not isinstance(call, ast.Call):
                    continue
                name = getattr(call.func, "id", getattr(call.func, "attr", ""))
                if name not in ("audit", "AuditLog"):
                    continue
                for keyword in call.keywords:
                    if keyword.arg != "action":
                        continue
                    value = keyword.value
                    where = f"{path.relative_to(root)}:{call.lineno}"
                    if isinstance(value, ast.Constant):
                        found.add(str(value.value))
                    elif isinstance(value, ast.Name) and assigned.get(value.id):
                        found |= assigned[value.id]
                    elif isinstance(value, ast.JoinedStr) and isinstance(
                        value.values[0], ast.Constant
                    ):
                        found.add(str(value.values[0].value))
                    else:
                        raise AssertionError(f"{where}: an action this test cannot read")
    return found


def test_every_action_written_to_the_audit_log_is_named_in_each_language() -> None:
    actions = _audit_actions_in_source()
    assert {"faq.import", "console.sign-in", "organisers.add", REFUSED} <= actions, actions
    refused = [c.name for c in command_registry() if c.organisers_only]
    assert "broadcast" in refused
    codes = [a for a in actions if a != REFUSED] + [REFUSED + c for c in refused]
    catalogues = Catalogues()
    for language in ("fr", "ja", "en"):
        for code in codes:
            label = audit_label(partial(catalogues, language), code)
            assert label != code and not label.startswith("console-audit-"), (language, code)
            if code.startswith(REFUSED):
                assert "/" + code.removeprefix(REFUSED) in label, (language, code)


def _audit_details_in_source() -> set[str]:
    """Every detail the code writes to the audit log: the keywords of each `audit(...)` (but
    its own parameters) and the keys of each `AuditLog(detail={...})`, in bot/ and handlers/."""
    root = Path(__file__).resolve().parent.parent
    found: set[str] = set()
    for path in [*(root / "bot").rglob("*.py"), *(root / "handlers").rglob("*.py")]:
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            name = getattr(call.func, "id", getattr(call.func, "attr", ""))
            for keyword in call.keywords if name in ("audit", "AuditLog") else []:
                where = f"{path.relative_to(root)}:{call.lineno}"
                assert keyword.arg is not None, f"{where}: a detail this test cannot read"
                if name == "audit" and keyword.arg not in ("actor", "action", "now"):
                    found.add(keyword.arg)
                elif name == "AuditLog" and keyword.arg == "detail":
                    if getattr(keyword.value, "id", "") == "detail":
                        continue  # audit() itself, passing its keywords on
                    assert isinstance(keyword.value, ast.Dict), where
                    found |= {
                        str(k.value) for k in keyword.value.keys if isinstance(k, ast.Constant)
                    }
    return found


def test_every_detail_written_to_the_audit_log_is_named_in_each_language() -> None:
    details = _audit_details_in_source()
    assert {"entry", "member", "added", "source"} <= details, details
    catalogues = Catalogues()
    for language in ("fr", "ja", "en"):
        t = partial(catalogues, language)
        for key in details:
            [(label, _)] = audit_details(t, {key: 1})
            assert label != key and not label.startswith("console-"), (language, key)


def test_every_field_a_preview_can_show_has_its_name_in_each_language() -> None:
    for language in ("fr", "ja", "en"):
        for field in COMPARED_FIELDS:
            message, _ = field_message(field)
            assert message in CATALOGUE_IDS[language], (language, field)


CATALOGUE_IDS = {
    language: {
        line.split(" =", 1)[0]
        for path in (Path(__file__).parent.parent / "locales" / language).glob("*.ftl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if " =" in line and not line.startswith((" ", "#"))
    }
    for language in ("fr", "ja", "en")
}
