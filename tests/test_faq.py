"""The FAQ: its content, the matcher, the chat, and the organisers' loop."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from bot.app import App
from bot.channels.console.channel import ConsoleChat
from bot.cli.main import main
from bot.paths import CONTENT_DIR
from db.models import AuditLog, Role
from handlers.classifier import understand
from handlers.core.japanese import reading
from handlers.core.messages import ReplyKind
from handlers.faq.files import FaqFileError, read_faq, read_thresholds
from handlers.faq.matcher import (
    Candidate,
    FaqEntry,
    FaqMatcher,
    Outcome,
    japanese_form,
    latin_words,
)
from handlers.faq.store import unanswered
from handlers.organisers.roles import set_role
from tests.conftest import Database, FixedClock

ENTRIES = read_faq(CONTENT_DIR / "faq")
THRESHOLDS = read_thresholds(CONTENT_DIR / "faq_matcher.yaml")
MATCHER = FaqMatcher(ENTRIES, THRESHOLDS, reader=reading)
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_34cebfd144d21938.txt"


def test_thresholds_are_loaded_from_the_content_file() -> None:
    raw = yaml.safe_load((CONTENT_DIR / "faq_matcher.yaml").read_text(encoding="utf-8"))
    for script in ("latin", "ja"):
        for name, value in raw["thresholds"][script].items():
            assert getattr(THRESHOLDS[script], name) == pytest.approx(value)
    assert MATCHER.thresholds == THRESHOLDS


def test_knowledge_base_shape() -> None:
    assert len(ENTRIES) >= 50
    ids = {e.id for e in ENTRIES}
    for entry in ENTRIES:
        for lang in ("fr", "ja", "en"):
            assert len(entry.questions[lang]) >= 4, (entry.id, lang)
            assert entry.answer.get(lang) and getattr(entry.answer, lang), (entry.id, lang)
            assert 0 < len(entry.title.get(lang)) <= 20, (entry.id, lang)
        assert set(entry.related) <= ids, entry.id
        assert 1 <= len(entry.related) <= 3, entry.id


def test_japanese_uses_the_official_titles() -> None:
    answers = " ".join(e.answer.ja for e in ENTRIES)
    for title in (
        "日仏自治体のパートナーシップが世界にもたらす新しい価値",
        "成熟社会における都市の価値と持続可能な経営",
        "全ての人の参画と連帯",
        "脱炭素社会の実現と魅力ある地域づくり",
        "静岡宣言",
    ):
        assert title in answers, title


def test_every_example_topic_of_the_document_has_its_workshop() -> None:
    """Each 'Exemple de sujets' bullet of the theme document maps to an entry of its workshop."""
    if not SEED.exists():
        pytest.skip("the organisers' theme document is not beside the repository")
    text = SEED.read_text(encoding="utf-8")
    sections = re.split(r"\n(?=[123]\. )", text)
    workshop_of = {"1": "workshop-economy", "2": "workshop-society", "3": "workshop-environment"}
    checked = 0
    for section in sections:
        number = section[:1]
        if number not in workshop_of or "Exemple de sujets" not in section:
            continue
        bullets = [
            re.split(r"[（(]", line.strip(" ·\t\u3000"))[0].strip()
            for line in section.split("Exemple de sujets", 1)[1].splitlines()
            if line.strip().startswith("·")
        ]
        for bullet in bullets:
            match = MATCHER.match(bullet, "fr")
            assert match.outcome is Outcome.ANSWER, bullet
            assert match.best is not None
            assert workshop_of[number] in (match.best.id, *match.best.related), (
                bullet,
                match.best.id,
            )
            checked += 1
    assert checked == 22


def test_every_topic_keyword_alone_finds_its_entry() -> None:
    for entry in (e for e in ENTRIES if e.id.startswith("topic-")):
        for lang in ("fr", "ja", "en"):
            for keyword in entry.keywords[lang]:
                match = MATCHER.match(keyword, lang)
                assert (match.outcome, match.best and match.best.id) == (
                    Outcome.ANSWER,
                    entry.id,
                ), keyword


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("c'est quoi le thème des rencontres ?", "fr", "theme-general"),
        ("biodiversité", "fr", "topic-biodiversity"),
        (
            "Dans quel atelier présenter notre politique pour les personnes agées ?",
            "fr",
            "topic-elderly",
        ),
        ("c'est quoi le millefeuille des ODD", "fr", "sdg-wedding-cake"),
        ("que veut dire GX", "fr", "gx"),
        ("où ont eu lieu les premières rencontres", "fr", "history-edition-1"),
        ("高齢者の施策はどの分科会で発表できますか", "ja", "topic-elderly"),
        ("子育て支援", "ja", "topic-family-policy"),
        ("ぶんかかいはいくつ", "ja", "workshops-overview"),
        ("SDGsウェディングケーキとは", "ja", "sdg-wedding-cake"),
        ("次回の会議はどこで開かれますか", "ja", "history-edition-9"),
        ("ＤＸって何の略？", "ja", "dx"),
        ("which workshop is renewable energy in?", "en", "topic-renewable-energy"),
        ("what does GX mean", "en", "gx"),
        # the cake's layers and the theme's aims, by the words anyone would use for them
        (
            "pourquoi l'environnement tout en bas du millefeuille",
            "fr",
            "wedding-cake-environment-base",
        ),
        ("ケーキの土台になっているのは何？", "ja", "wedding-cake-environment-base"),
        ("ケーキのいちばん上にあるのは何の目標？", "ja", "wedding-cake-partnership-top"),
        ("le thème vise quoi au juste", "fr", "theme-aims"),
        ("est-ce qu'on peut avoir le bot en japonais ?", "fr", "change-language"),
        ("コロナ後に文化が見直されたって本当？", "ja", "workshop-economy-culture"),
        ("Cannesの会議はいつ？", "ja", "history-edition-9"),  # a French town in Latin letters
        ("pourquoi parler de culture après le covid", "fr", "workshop-economy-culture"),
        ("テーマが目指すものは？", "ja", "theme-aims"),
    ],
)
def test_fixed_questions(question: str, lang: str, expected: str) -> None:
    match = MATCHER.match(question, lang)
    assert match.best is not None and match.best.id == expected
    assert match.outcome is not Outcome.FALLBACK
    if expected in DIRECT:
        assert match.outcome is Outcome.ANSWER


# Clear questions answered without "did you mean"; the others may be asked back first.
DIRECT = {"theme-general", "topic-biodiversity", "topic-elderly", "sdg-wedding-cake", "gx", "dx"}


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("quelle est la capitale de l'Australie", "fr"),
        ("meilleur restaurant de ramen à Shizuoka", "fr"),
        ("静岡市の人口は", "ja"),
        ("明日の東京の天気", "ja"),
        ("who won the football world cup", "en"),
        ("", "fr"),
        ("？？？", "ja"),
    ],
)
def test_off_topic_is_not_answered(question: str, lang: str) -> None:
    assert MATCHER.match(question, lang).outcome is not Outcome.ANSWER


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("bon, c'est quoi déjà le thème, en fait ?", "fr", "theme-general"),
        ("le dernier jour c'est quand au juste ?", "fr", "dates"),
        ("ok so basically what is the theme again?", "en", "theme-general"),
        (
            "is there something like a workshop on school meals, because we run canteens",
            "en",
            "topic-school-meals",
        ),
    ],
)
def test_filler_words_do_not_hide_the_question(question: str, lang: str, expected: str) -> None:
    match = MATCHER.match(question, lang)
    assert match.outcome is Outcome.ANSWER and match.best is not None
    assert match.best.id == expected


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("pourquoi avoir pris ce thème-là pour Shizuoka ?", "fr"),
        ("so why this theme, and why now?", "en"),
    ],
)
def test_why_counts_in_a_question(question: str, lang: str) -> None:
    """ "Why" tells a question about the reasons for the theme from one about the theme."""
    match = MATCHER.match(question, lang)
    assert match.best is not None and match.best.id == "theme-context"


def test_french_verbs_in_the_plural_meet_their_infinitive() -> None:
    assert latin_words("ils présentent", "fr")[-1] == latin_words("présenter", "fr")[0]
    assert latin_words("les villes se dépeuplent", "fr")[-1] == latin_words("dépeuplement", "fr")[0]
    assert latin_words("environnement", "fr") == ["environ"]  # "-ment" is Snowball's


def test_japanese_question_words_are_dropped_only_where_they_are_words() -> None:
    assert japanese_form("ナンシーは何回目？") == "なんし回目"
    analysis = MATCHER.analyzer.analyse("日程", "ja")
    assert analysis.reading == "にってい"  # not 「にい」 without its 「って」


def test_japanese_words_are_read_apart_where_particles_were() -> None:
    # 「水道話」 read in one piece is 「みずどうわ」; the particle marked where the word ended
    assert MATCHER.analyzer.analyse("水道の話はどの分科会", "ja").reading == "すいどうはなし"
    assert reading("水道 話") == "すいどう はなし"  # a space is not read 「きごう」
    assert MATCHER.match("水道の話はどの分科会", "ja").candidates[0].entry.id == "topic-water"


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("so what are the rencontres anyway?", "en", "rencontres-what"),
        ("les Rencontres, c'est quoi au juste ?", "fr", "rencontres-what"),
    ],
)
def test_what_the_rencontres_are(question: str, lang: str, expected: str) -> None:
    match = MATCHER.match(question, lang)
    assert match.outcome is Outcome.ANSWER and match.best is not None
    assert match.best.id == expected


def test_a_one_word_sentence_is_a_frame_unless_it_asks_what() -> None:
    # "- which workshop to present?" says nothing of the topic: the topic sentence decides
    match = MATCHER.match("bike sharing scheme for students - which workshop to present??", "en")
    assert match.best is None or match.best.id != "how-to-present"
    match = MATCHER.match("the Rencontres, what are they? my mayor keeps mentioning them", "en")
    assert match.best is not None and match.best.id == "rencontres-what"


def test_a_short_word_is_not_corrected_into_another_word() -> None:
    match = MATCHER.match("is there a dress code for the dinner", "en")
    assert match.outcome is Outcome.FALLBACK or match.candidates[0].entry.id != "venue"
    assert MATCHER.match("c'est quoi le thme ?", "fr").best.id == "theme-general"  # type: ignore[union-attr]
    # nor by changing one of its letters: « faut » is not « faune »
    assert MATCHER.match("faut-il s'inscrire au dîner ?", "fr").outcome is Outcome.FALLBACK


def test_a_typo_in_a_word_ending_is_read_as_its_stem() -> None:
    match = MATCHER.match("la 4eme editon c'était où ?", "fr")
    assert match.best is not None and match.best.id == "history-edition-4"


def test_who_counts_in_a_question() -> None:
    assert "qui" in latin_words("qui organise les Rencontres ?", "fr")
    assert "who" in latin_words("who runs the conference?", "en")


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        (
            "how often do the rencontres take place? my deputy mayor asked me during lunch",
            "en",
            "rencontres-what",
        ),
        ("c'est quoi les ODD ? mon élu m'en parle tout le temps pendant les trajets", "fr", "sdgs"),
    ],
)
def test_a_sentence_of_context_does_not_hide_the_question(
    question: str, lang: str, expected: str
) -> None:
    match = MATCHER.match(question, lang)
    assert match.outcome is Outcome.ANSWER and match.best is not None
    assert match.best.id == expected
    # the whole message alone would not have been answered
    whole = FaqMatcher._decide(
        tuple(Candidate(e, s) for e, s in _whole_scores(question, lang)),
        MATCHER.thresholds["latin"],
    )
    assert whole is not Outcome.ANSWER


def _whole_scores(question: str, lang: str) -> list[tuple[FaqEntry, float]]:
    analysis = MATCHER.analyzer.analyse(question, lang)
    scores = MATCHER._score(analysis, lang)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    return [(MATCHER.entries[i], score) for i, score in ranked[:5]]


def test_huge_and_strange_input_is_handled() -> None:
    assert MATCHER.match("environnement " * 10_000, "fr").best is not None
    assert MATCHER.match("\x00\ufeff🙂" * 100, "ja").outcome is Outcome.FALLBACK


# --- In the conversation ---------------------------------------------------------------------


@pytest.fixture
def chat(app: App, clock: FixedClock) -> ConsoleChat:
    return ConsoleChat(app.conversation, user="mayor", language=None, clock=clock)


async def one(chat: ConsoleChat, text: str) -> tuple[ReplyKind, str, list[str]]:
    replies = await chat.turn(text)
    assert len(replies) == 1
    return replies[0].kind, replies[0].text, [b.payload for b in replies[0].buttons]


async def test_schedule_and_faq_boundary(chat: ConsoleChat) -> None:
    kind, text, _ = await one(chat, "quand a lieu l'atelier environnement ?")
    assert kind is ReplyKind.SCHEDULE and "13 h 30" in text
    kind, text, _ = await one(chat, "de quoi parle l'atelier environnement ?")
    assert kind is ReplyKind.FAQ and "脱炭素社会の実現と魅力ある地域づくり" in text
    kind, text, _ = await one(chat, "環境分科会は何時から？")
    assert kind is ReplyKind.SCHEDULE and "13:30" in text
    kind, text, _ = await one(chat, "環境分科会の内容を教えてください")
    assert kind is ReplyKind.FAQ and "第3分科会" in text


async def test_answers_in_the_language_asked(chat: ConsoleChat) -> None:
    kind, text, buttons = await one(chat, "c'est quoi le GX ?")
    assert kind is ReplyKind.FAQ and "Green Transformation" in text and "transition" in text
    assert "/faq dx" in buttons
    kind, text, _ = await one(chat, "GXとは何ですか")
    assert kind is ReplyKind.FAQ and "Green Transformation" in text and "略" in text
    kind, text, _ = await one(chat, "ウェディングケーキ")
    assert kind is ReplyKind.FAQ and "ロックストローム" in text
    kind, text, _ = await one(chat, "Dans quel atelier présenter un projet de biodiversité ?")
    assert kind is ReplyKind.FAQ and "atelier 3" in text.lower()


async def test_fallback_is_stored_and_listed_for_organisers(
    app: App, chat: ConsoleChat, clock: FixedClock
) -> None:
    kind, text, _ = await one(chat, "quel est le budget total des Rencontres ?")
    assert kind is ReplyKind.FALLBACK and "organisateurs" in text
    kind, _, _ = await one(chat, "Quel est le budget total des Rencontres")
    assert kind is ReplyKind.FALLBACK
    async with app.sessionmaker() as db:
        rows = await unanswered(db)
    assert [r.reason for r in rows] == ["fallback", "fallback"]
    # a delegate may not see them
    kind, text, _ = await one(chat, "/unanswered")
    assert kind is ReplyKind.ERROR
    async with app.sessionmaker.begin() as db:
        refused = (await db.scalars(select(AuditLog))).all()
        assert any(r.action == "refused.unanswered" for r in refused)
        await set_role(db, ("console", "mayor"), Role.ORGANISER, now=clock.now)
    kind, text, _ = await one(chat, "/unanswered")
    assert kind is ReplyKind.HELP
    assert "×2" in text and "budget total des Rencontres" in text


async def test_one_plausible_entry_is_answered_with_a_way_out(app: App, chat: ConsoleChat) -> None:
    question = "環境分科会では何を話し合いますか"
    kind, text, buttons = await one(chat, question)
    assert kind is ReplyKind.FAQ and text.startswith("第3分科会のテーマは")
    # "read more" (a long answer), then "not what I meant"
    assert buttons[0] == "/faq workshop-environment more"
    assert buttons[1].startswith("/faq-none ")
    async with app.sessionmaker() as db:
        assert await unanswered(db) == []  # an answer not refused is not an unanswered question
    kind, text, _ = await one(chat, buttons[1])
    assert "事務局に伝えました" in text
    async with app.sessionmaker() as db:
        rows = await unanswered(db)
    assert [(r.reason, r.text) for r in rows] == [("none", question)]


async def test_did_you_mean_and_none_of_these(
    app: App, chat: ConsoleChat, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the FAQ matcher's ask-back: the classifier, which now answers this one with the list of
    # every edition, is kept out
    monkeypatch.setattr(understand, "SURE", 100.0)
    monkeypatch.setattr(understand, "FAIRLY_SURE", 100.0)
    question = "les éditions au Japon"
    kind, text, buttons = await one(chat, question)
    assert kind is ReplyKind.CLARIFY and text.startswith("Je ne suis pas sûr")
    assert all(b.startswith("/faq history-edition-") for b in buttons[:-1])
    assert buttons[-1].startswith("/faq-none ")
    assert 3 <= len(buttons) <= 4  # two or three entries, and "none of these"
    async with app.sessionmaker() as db:
        assert await unanswered(db) == []  # a question being clarified is not unanswered yet
    kind, text, _ = await one(chat, buttons[-1])
    assert "organisateurs" in text
    async with app.sessionmaker() as db:
        rows = await unanswered(db)
    assert [(r.reason, r.text) for r in rows] == [("none", question)]
    # pressing it again, or someone else's number, changes nothing
    await one(chat, buttons[-1])
    await one(chat, "/faq-none 999")
    async with app.sessionmaker() as db:
        assert len(await unanswered(db)) == 1


async def test_topic_menu_pages(chat: ConsoleChat) -> None:
    kind, _, buttons = await one(chat, "/faq")
    assert kind is ReplyKind.HELP and "/faq topic:topics" in buttons
    _, _, first = await one(chat, "/faq topic:topics")
    assert first[-2] == "/faq topic:topics 2" and len(first) <= 13
    _, _, second = await one(chat, "/faq topic:topics 2")
    assert not set(first[:-2]) & set(second)
    kind, text, _ = await one(chat, "/faq topic-water")
    assert kind is ReplyKind.FAQ and "eau" in text
    kind, _, _ = await one(chat, "/faq nonexistent")
    assert kind is ReplyKind.HELP


# --- Organisers' command line ----------------------------------------------------------------


@pytest.fixture
def cli(database: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    for key, value in database.env().items():
        monkeypatch.setenv(key, value)
    if database.kind == "postgresql":
        assert main(["db", "upgrade"]) == 0
    return database


def test_faq_export_import_round_trip(
    cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "faq.yaml"
    assert main(["faq", "export", "-o", str(exported)]) == 0
    capsys.readouterr()
    assert main(["faq", "import", str(exported)]) == 0
    assert capsys.readouterr().out.strip() == "no changes"
    data = yaml.safe_load(exported.read_text(encoding="utf-8"))
    data["entries"][0]["answer"]["fr"] += " Ajout."
    gone = data["entries"].pop()["id"]
    for entry in data["entries"]:  # a removed entry may no longer be offered as related
        if gone in entry["related"]:
            entry["related"].remove(gone)
            entry["related"] = entry["related"] or [data["entries"][0]["id"]]
    exported.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["faq", "import", str(exported)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("0 added, 1 removed, ")
    assert f"- {gone}" in out
    assert f"~ {data['entries'][0]['id']}: answer.fr" in out


def test_faq_import_refuses_a_broken_file(
    cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "faq.yaml"
    broken.write_text("entries:\n  - id: Bad Id\n    answer: {fr: x}\n", encoding="utf-8")
    assert main(["faq", "import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "nothing changed" in err and "id must be" in err and "no answer in ja" in err
    with pytest.raises(FaqFileError):
        read_faq(broken)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("entries: []\n", "no entry"),
        ("entries:\n  - id: x\n    answer: {fr: [1, 2], ja: a, en: a}\n", "must be text"),
        ("a: &a [x, x]\nentries: [*a, *a]\n", "aliases"),
        (
            "entries:\n  - id: x\n    keywords:\n      fr: [a]\n      fr: [b]\n",
            "'fr' is written twice",
        ),
    ],
)
def test_faq_import_refuses_an_empty_base_lists_aliases_and_repeated_keys(
    cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, reason: str
) -> None:
    broken = tmp_path / "faq.yaml"
    broken.write_text(content, encoding="utf-8")
    assert main(["faq", "import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "nothing changed" in err and reason in err


def test_organisers_command(cli: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["organisers", "add", "telegram:42"]) == 0
    assert main(["organisers", "add", "line:U0123"]) == 0
    assert main(["organisers", "remove", "line:U0123"]) == 0
    capsys.readouterr()
    assert main(["organisers", "list"]) == 0
    assert capsys.readouterr().out.split() == ["telegram:42"]
    assert main(["organisers", "add", "fax:1"]) == 2


def test_console_done_when(database: Database) -> None:
    """The FAQ issue's `Done when`, through the real command line."""
    lines = {
        "Quel est le thème des Rencontres ?": ("faq", "partenariat"),
        "テーマは何ですか": ("faq", "日仏自治体のパートナーシップが世界にもたらす新しい価値"),
        "De quoi parle l'atelier société ?": ("faq", "participation de tous"),
        "社会分科会のテーマは？": ("faq", "全ての人の参画と連帯"),
        "L'atelier économie, c'est sur quoi ?": ("faq", "gestion"),
        "経済分科会では何を議論しますか": ("faq", "成熟社会における都市の価値と持続可能な経営"),
        "Où ont eu lieu les premières Rencontres ?": ("faq", "Nancy"),
        "第1回はどこで開催されましたか": ("faq", "ナンシー"),
        "C'est quoi le DX ?": ("faq", "numérique"),
        "SDGsウェディングケーキとは": ("faq", "ロックストローム"),
        "Dans quel atelier présenter l'économie circulaire ?": ("faq", "Environnement"),
        "子育て支援はどの分科会ですか": ("faq", "第2分科会"),
        "Quelle est la recette des crêpes ?": ("fallback", ""),
        "富士山の高さは": ("fallback", "会議に関するご質問"),  # off-topic: declined, not kept
    }
    stdout = database.confbot(
        "console", "--jsonl", "--now", "2024-11-20T10:00", stdin="\n".join(lines) + "\n"
    )
    replies = [json.loads(line)["replies"][0] for line in stdout.splitlines()]
    assert len(replies) == len(lines)
    for (question, (kind, fact)), reply in zip(lines.items(), replies, strict=True):
        assert reply["kind"] == kind, (question, reply)
        assert fact in reply["text"], (question, reply["text"])
    listed = database.confbot("faq", "unanswered")
    assert listed.startswith("1 unanswered question in 1 group\n")
    assert "crêpes" in listed and "富士山" not in listed


def test_two_sure_entries_close_together_are_asked_back_not_guessed() -> None:
    match = MATCHER.match("qu'est-ce qu'il y a tout en bas du millefeuille", "fr")
    assert match.outcome is Outcome.CLARIFY
    offered = [e.id for e in MATCHER.suggestions(match)]
    assert {"sdg-wedding-cake", "wedding-cake-environment-base"} <= set(offered)
    latin = THRESHOLDS["latin"]
    cake, base = ENTRIES[0], ENTRIES[1]
    sure = latin.confident + 0.05
    close = (Candidate(cake, sure), Candidate(base, sure - latin.gap / 4))
    apart = (Candidate(cake, sure), Candidate(base, sure - latin.gap))
    assert FaqMatcher._decide(close, latin) is Outcome.CLARIFY
    assert FaqMatcher._decide(apart, latin) is Outcome.ANSWER


def test_loanwords_spelt_with_small_or_full_vowels_are_one_word() -> None:
    assert japanese_form("ウエディングケーキ") == japanese_form("ウェディングケーキ")
    assert japanese_form("パーテイー") == japanese_form("パーティー")
    one = MATCHER.match("SDGsウエディングケーキってなに", "ja")
    other = MATCHER.match("SDGsウェディングケーキってなに", "ja")
    assert one.best is not None and one.best.id == "sdg-wedding-cake"
    assert [c.score for c in one.candidates] == [c.score for c in other.candidates]


def test_a_subject_named_beside_a_workshop_asks_where_it_goes() -> None:
    match = MATCHER.match("生物多様性の発表、環境分科会で合ってる？", "ja")
    ranked = [c.entry.id for c in match.candidates]
    assert ranked[:2] == ["topic-biodiversity", "workshop-environment"]
    # only a workshop's own entry gives way, not a detail entry a subject may be about
    own = {MATCHER.entries[i].id for i in MATCHER._workshops}
    assert own == {"workshop-economy", "workshop-society", "workshop-environment"}
    # no subject named: the workshop's own entry
    about = MATCHER.match("環境分科会って何をするの", "ja")
    assert about.best is not None and about.best.id == "workshop-environment"


def test_a_detail_named_beside_its_whole_comes_first() -> None:
    """The cake and its bottom layer: a question naming both asks about the layer."""
    match = MATCHER.match("dans le gâteau de Rockström, l'environnement, pourquoi en bas ?", "fr")
    assert match.candidates[0].entry.id == "wedding-cake-environment-base"
    match = MATCHER.match("Rockström's wedding cake: why is the biosphere at the bottom?", "en")
    assert match.candidates[0].entry.id == "wedding-cake-environment-base"
    # the whole alone is the whole
    match = MATCHER.match("le millefeuille des ODD, c'est quoi au juste ?", "fr")
    assert match.best is not None and match.best.id == "sdg-wedding-cake"
    # details are only looked for among related entries
    linked = MATCHER._linked()
    for lang in ("fr", "en"):
        for detail, wholes in MATCHER._details[lang].items():
            assert all((detail, whole) in linked for whole in wholes)


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        # who asks ("notre", "our") and how ("doit", "must") are not what is asked
        (
            "notre ville doit présenter quelque chose, comment se décide l'atelier ?",
            "fr",
            "how-to-present",
        ),
        ("our town must present a case: how is the workshop decided?", "en", "how-to-present"),
        # « le combien », « du combien au combien »: a date
        ("les Rencontres de Shizuoka, ça va du combien au combien ?", "fr", "dates"),
    ],
)
def test_who_asks_and_idioms_do_not_mislead(question: str, lang: str, expected: str) -> None:
    match = MATCHER.match(question, lang)
    assert match.best is not None and match.best.id == expected
