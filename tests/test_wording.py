"""The replies read as a native speaker writes them: agreement, punctuation, lists, quotation
marks, localised names and reasons, plurals, audiences named as phrases.

In-process turns through `app.conversation.handle`, on the bundled programme, at the fixed
time of the tests (2024-11-20 10:00 JST)."""

from __future__ import annotations

import re

import pytest

from bot.app import App
from db.models import Role
from handlers.core.messages import Incoming, Reply
from handlers.organisers.roles import set_role
from tests.conftest import FixedClock

# The English reasons of `edit_row` (handlers/schedule/model.py), for the command line.
ENGLISH_REASONS = (
    "is not",
    "a time",
    "a date",
    "must be after",
    "the end",
    "the start",
    "status is",
    "confirmed or cancelled",
    "unknown field",
)


class Delegate:
    """One person writing to the bot on Telegram."""

    def __init__(self, app: App, clock: FixedClock, user: str, hint: str = "fr") -> None:
        self.app, self.clock, self.user, self.hint = app, clock, user, hint

    async def say(self, text: str) -> list[Reply]:
        message = Incoming(
            "telegram", self.user, self.clock.now, text=text, language_hint=self.hint
        )
        return await self.app.conversation.handle(message)

    async def text(self, text: str) -> str:
        return "\n".join(r.text for r in await self.say(text))

    async def make_organiser(self) -> None:
        await self.say("/start")
        async with self.app.sessionmaker.begin() as db:
            await set_role(db, ("telegram", self.user), Role.ORGANISER, now=self.clock.now)


def nested_kagikakko(text: str) -> bool:
    """「 inside 「: Japanese nests 『』 inside 「」."""
    depth = 0
    for char in text:
        if char == "「":
            depth += 1
            if depth > 1:
                return True
        elif char == "」":
            depth = max(depth - 1, 0)
    return False


def doubled_place(text: str) -> list[str]:
    """A title followed by its room when the title already names it: 「…X（X）」,
    « • 10 h 00 … X – X », « « … X » : mar. 19 nov., …, X. »."""
    found = [str(m) for m in re.findall(r"(\S[^（\n]*?)（\1）", text)]
    for line in text.split("\n"):
        if line.startswith("•") and " – " in line:  # a programme line: time title – room
            head, _, room = line.rpartition(" – ")
            if room.casefold() in head.casefold():
                found.append(line)
        sentence = re.match(r"[«\"] ?(.+?) ?[»\"] ?: [^\n]*, ([^,\n]+?)\.?$", line)
        if sentence and sentence.group(2).casefold() in sentence.group(1).casefold():
            found.append(line)
    return found


async def test_settings_name_the_language(app: App, clock: FixedClock) -> None:
    ja = Delegate(app, clock, "2001", "ja")
    await ja.say("/lang ja")
    settings = await ja.text("/settings")
    assert "・言語：日本語" in settings
    assert "：ja" not in settings
    fr = Delegate(app, clock, "2002", "fr")
    assert "• Langue : Français" in await fr.text("/settings")
    en = Delegate(app, clock, "2003", "en")
    await en.say("/lang en")
    assert "• Language: English" in await en.text("/settings")
    # the names of the other languages, as each catalogue writes them
    t = app.deps.t
    assert t("fr", "settings-language", language=t("fr", "language-name", code="ja")) == (
        "• Langue : Japonais"
    )
    assert [t("ja", "language-name", code=c) for c in ("ja", "fr", "en")] == [
        "日本語",
        "フランス語",
        "英語",
    ]
    assert [t("fr", "language-name", code=c) for c in ("ja", "fr", "en")] == [
        "Japonais",
        "Français",
        "Anglais",
    ]
    assert [t("en", "language-name", code=c) for c in ("ja", "fr", "en")] == [
        "Japanese",
        "French",
        "English",
    ]


async def test_japanese_lists_are_joined_with_the_japanese_comma(
    app: App, clock: FixedClock
) -> None:
    ja = Delegate(app, clock, "2011", "ja")
    await ja.say("/lang ja")
    await ja.say("/follow economy")
    await ja.say("/follow society")
    settings = await ja.text("/settings")
    assert "持続可能な経営」、第2分科会" in settings
    assert ", " not in settings
    days = await ja.text("/programme 2024-12-01")
    assert "開催日：11月18日(月)、11月19日(火)、11月20日(水)、11月21日(木)" in days
    venue = await ja.text("会場はどこ")
    assert "第1会場、第2会場" in venue and ", " not in venue
    fr = Delegate(app, clock, "2012", "fr")
    await fr.say("/follow economy")
    await fr.say("/follow society")
    assert "Atelier 1 – Économie, Atelier 2 – Société" in await fr.text("/settings")


async def test_no_room_repeated_after_a_title_that_names_it(app: App, clock: FixedClock) -> None:
    ja = Delegate(app, clock, "2021", "ja")
    await ja.say("/lang ja")
    day = await ja.text("/programme 2024-11-19")
    assert "・10:00〜12:00 専門視察：麻機地区の緑地\n" in day
    assert "麻機地区の緑地（麻機地区の緑地）" not in day
    assert "静岡浅間神社（静岡浅間神社）" not in day
    await ja.say("/add visit-asahata")
    await ja.say("/add ws-economy")
    agenda = await ja.text("/agenda")
    assert "麻機地区の緑地（麻機地区の緑地）" not in agenda
    assert "（第1会場）" in agenda  # a room the title does not name is still shown
    fr = Delegate(app, clock, "2022", "fr")
    day = await fr.text("/programme 2024-11-19")
    assert "• 10 h 00–12 h 00 Visite professionnelle : espace vert d'Asahata\n" in day
    assert "– Espace vert d'Asahata" not in day
    for text in (day, agenda, await fr.text("visite Asahata")):
        assert doubled_place(text) == [], text


async def _scripted_session(delegate: Delegate, lines: list[str]) -> list[str]:
    texts = []
    for line in lines:
        texts += [r.text for r in await delegate.say(line)]
    return texts


SCRIPT = [
    "/start",
    "/programme",
    "/programme 2024-11-19",
    "/programme 2024-12-01",
    "/programme demain",
    "/now",
    "/next",
    "/workshops",
    "/session visit-asahata",
    "/session ws-economy",
    "/settings",
    "/follow economy",
    "/follow visit",
    "/follow all",
    "/unfollow economy",
    "/reminders 30",
    "/add ws-economy",
    "/add ws-economy",
    "/add visit-asahata",
    "/add ws-society",
    "/agenda",
    "/agenda ics",
    "/remove ws-economy",
    "/remove ws-economy",
    "/forget",
    "/forget no",
    "/help",
]


@pytest.mark.parametrize(
    ("lang", "free_text"),
    [
        ("fr", ["Où ont lieu les Rencontres ?", "Quand a lieu l'atelier environnement ?"]),
        ("ja", ["会場はどこ", "環境分科会は何時から？", "明日の予定"]),
        ("en", []),
    ],
)
async def test_no_doubled_full_stops_nor_nested_brackets(
    app: App, clock: FixedClock, lang: str, free_text: list[str]
) -> None:
    delegate = Delegate(app, clock, f"203{lang}", lang)
    await delegate.say(f"/lang {lang}")
    texts = await _scripted_session(delegate, SCRIPT + free_text)
    assert len(texts) >= len(SCRIPT)
    problems = {
        "double full stop": [t for t in texts if ".." in t or "。。" in t or "。." in t],
        "「 inside 「": [t for t in texts if nested_kagikakko(t)],
        "room repeated": [p for t in texts for p in doubled_place(t)],
    }
    assert problems == {k: [] for k in problems}


async def test_japanese_titles_with_brackets_are_quoted_with_double_brackets(
    app: App, clock: FixedClock
) -> None:
    ja = Delegate(app, clock, "2041", "ja")
    await ja.say("/lang ja")
    added = await ja.text("/add ws-economy")
    assert added.startswith("「第1分科会 経済『成熟社会における都市の価値と持続可能な経営』」を")
    removed = await ja.text("/remove ws-economy")
    assert not nested_kagikakko(removed) and "『" in removed
    # with cards, the title stands as written (Telegram finds it in the text to bold it)
    workshops = (await ja.say("/workshops"))[0]
    assert all(card.title in workshops.text for card in workshops.cards)
    assert not nested_kagikakko(workshops.text)


async def test_french_agreement_does_not_depend_on_the_kind_of_session(
    app: App, clock: FixedClock
) -> None:
    fr = Delegate(app, clock, "2051", "fr")
    for session in ("ws-economy", "visit-asahata"):  # un atelier, une visite
        added = await fr.text(f"/add {session}")
        assert " qu'elle " not in added and " qu'il " not in added
        removed = await fr.text(f"/remove {session}")
        assert "retirée" not in removed and "retiré de" not in removed
        assert removed.startswith("J'ai retiré « ")
    follow = await fr.text("/follow economy")
    assert follow.startswith("Vous suivez désormais l'atelier Économie")
    assert "ses changements" not in follow


async def test_plural_agreement(app: App, clock: FixedClock) -> None:
    fr = Delegate(app, clock, "2061", "fr")
    await fr.say("/add ws-economy")
    assert "(1 session)" in await fr.text("/agenda ics")
    t = app.deps.t
    assert "0 destinataire)" in t("fr", "broadcast-queued", id=1, count=0, audience="x")
    assert "1 destinataire)" in t("fr", "broadcast-queued", id=1, count=1, audience="x")
    assert "2 destinataires)" in t("fr", "broadcast-queued", id=1, count=2, audience="x")
    assert "(1 recipient)" in t("en", "broadcast-queued", id=1, count=1, audience="x")
    assert "(0 recipients)" in t("en", "broadcast-queued", id=1, count=0, audience="x")
    report = t("fr", "broadcast-report", id=1, sent=1, failed=2, blocked=1, waiting=0)
    assert "1 envoyé, 2 échecs, 1 bloqué," in report
    assert "en 1 groupe " in t("fr", "unanswered-heading", count=3, groups=1)
    assert "in 1 group " in t("en", "unanswered-heading", count=3, groups=1)
    assert "utilisera 1 message sur" not in t(
        "fr", "broadcast-quota", uses=1, remaining=1, limit=200
    )


async def test_french_set_invalid_has_no_english_reason(app: App, clock: FixedClock) -> None:
    organiser = Delegate(app, clock, "2071", "fr")
    await organiser.make_organiser()
    cases = {
        "/set ws-economy start 99:99": "n'est pas une heure valide",
        "/set ws-economy end 10:00": "l'heure de fin",
        "/set ws-economy end midi": "n'est pas une heure valide",
        "/set ws-economy date demain": "n'est pas une date valide",
        "/set ws-economy status peut-être": "le statut doit être",
    }
    for command, expected in cases.items():
        text = await organiser.text(command)
        assert text.startswith("Modification refusée : "), text
        assert expected in text, text
        assert not [w for w in ENGLISH_REASONS if w in text], text
    japanese = Delegate(app, clock, "2072", "ja")
    await japanese.make_organiser()
    await japanese.say("/lang ja")
    text = await japanese.text("/set ws-economy start 99:99")
    assert text.startswith("変更できませんでした：「99:99」は時刻として読み取れません"), text
    assert not [w for w in ENGLISH_REASONS if w in text], text


async def test_set_names_what_it_did(app: App, clock: FixedClock) -> None:
    organiser = Delegate(app, clock, "2081", "fr")
    await organiser.make_organiser()
    done = await organiser.text("/set ws-economy room_fr Salle 9")
    assert done.startswith("Session ws-economy modifiée (room_fr)")
    again = await organiser.text("/set ws-economy room_fr Salle 9")
    assert again.startswith("La session ws-economy avait déjà cette valeur")
    unknown = await organiser.text("/set nope start 10:00")
    assert "« nope »" in unknown


async def test_broadcast_names_its_audience_as_a_phrase(app: App, clock: FixedClock) -> None:
    fr = Delegate(app, clock, "2091", "fr")
    await fr.make_organiser()
    await fr.say("/broadcast")
    await fr.say("Le bus part à 9 h.")
    japanese_step = await fr.say("バスは9時に出発します。")
    assert japanese_step[0].language == "fr"  # the organiser's language, not the text's
    audience = (await fr.say("/broadcast skip"))[0]
    labels = [b.label for b in audience.buttons]
    assert "Francophones" in labels and "Japonophones" in labels and "Atelier Économie" in labels
    assert not [label for label in labels if "日本語" in label or label.startswith("En ")]
    preview = await fr.say("/broadcast to lang:fr")
    assert preview[0].text.startswith("Aperçu de la version française :")
    assert "(les francophones)" in preview[-1].text
    sent = await fr.text("/broadcast send")
    assert "lancée pour les francophones (" in sent

    await fr.say("/broadcast")
    for step in ("Atelier 1", "第1分科会", "/broadcast skip"):
        await fr.say(step)
    track = await fr.say("/broadcast to track:economy")
    assert "(les participants qui suivent l'atelier Économie)" in track[-1].text

    ja = Delegate(app, clock, "2092", "ja")
    await ja.make_organiser()
    await ja.say("/lang ja")
    for step in ("/broadcast", "Bonjour à tous.", "皆さま、こんにちは。", "/broadcast skip"):
        replies = await ja.say(step)
        assert replies[0].language == "ja"
    labels = [b.label for b in replies[0].buttons]
    assert "日本語の参加者" in labels and "フランス語の参加者" in labels
    preview = await ja.say("/broadcast to lang:ja")
    assert preview[0].text.startswith("フランス語版のプレビュー：")
    assert preview[-1].text.startswith("配信先：日本語の参加者（")
    await ja.say("/broadcast")
    for step in ("A", "B", "/broadcast skip", "/broadcast to session"):
        await ja.say(step)
    session = await ja.say("ws-economy")
    assert "「第1分科会 経済『成熟社会における都市の価値と持続可能な経営』」をマイアジェンダに" in (
        session[-1].text
    )
