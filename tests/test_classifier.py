"""The classifier: its labels, its example files, its scoring (the same as scikit-learn's), the
model kept in step with the FAQ served, and its turn in the conversation."""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from bot.app import App, build_app
from bot.paths import CONTENT_DIR
from handlers import features
from handlers.classifier import service, understand
from handlers.classifier.examples import ExampleFileError, load_examples, read_examples
from handlers.classifier.model import (
    CHAR_NGRAMS,
    WORD_NGRAMS,
    Classifier,
    Example,
    Label,
    LabelKind,
    char_ngrams,
    word_ngrams,
)
from handlers.classifier.service import ClassifierService, trained, training_set
from handlers.core.conference import Localised
from handlers.core.homophones import Edition
from handlers.core.messages import Incoming
from handlers.core.understanding import Outcome, Understanding
from handlers.faq.matcher import FaqEntry
from handlers.faq.store import unanswered
from tests.conftest import Database, FixedClock

AGENDA = Label(LabelKind.INTENT, "agenda.show")
THEME = Label(LabelKind.FAQ, "theme-general")
OFF = Label(LabelKind.OFF_TOPIC)

# Words no rule of the bot knows, each the sign of one label.
MADE_UP = [
    *(Example(f"quokka {w} plim", AGENDA) for w in ("zarb", "drul", "vesk", "morp", "tiv")),
    *(Example(f"numbat {w} snarf", THEME) for w in ("gleb", "frot", "quin", "yarp", "dosk")),
    *(Example(f"wombat {w} glorf", OFF) for w in ("trap", "blen", "skiv", "hund", "crell")),
]


def test_labels_read_as_the_example_files_write_them() -> None:
    assert Label.parse("faq:theme-general") == THEME
    assert Label.parse("intent:agenda.show") == AGENDA
    assert Label.parse("offtopic") == OFF
    assert str(Label.parse("uncovered")) == "uncovered" and str(THEME) == "faq:theme-general"
    for wrong in ("faq", "intent:", "offtopic:x", "weather", ""):
        with pytest.raises(ValueError):
            Label.parse(wrong)


def test_fewer_than_two_labels_train_no_model() -> None:
    assert Classifier.train([]) is None
    assert Classifier.train(MADE_UP[:5]) is None
    model = Classifier.train(MADE_UP[:10])
    assert model is not None and set(model.labels) == {AGENDA, THEME}
    guess = model.guess("numbat snarf")
    assert guess is not None and guess.label == THEME and guess.margin > 0


def test_the_ngrams_are_scikit_learns() -> None:
    char_wb = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS).build_analyzer()
    words = TfidfVectorizer(
        analyzer="word", ngram_range=WORD_NGRAMS, token_pattern=r"(?u)\b\w+\b"
    ).build_analyzer()
    for text in ("Où est l'atelier ?", "a  b\tc", "会場は どこ", "", "  x ", "ÉTÉ 2024 wifi?"):
        assert char_ngrams(text) == char_wb(text)
        assert word_ngrams(text) == words(text)


def test_a_text_scores_as_scikit_learn_scores_it() -> None:
    """The model's own analysers and scoring (array lookups, for speed, and no scikit-learn in
    the serving process) against scikit-learn's own analysers and pipeline, trained the same
    way on the bundled examples."""
    examples = load_examples(CONTENT_DIR / "examples")[:600]
    model = Classifier.train(examples)
    assert model is not None
    texts = [e.text for e in examples]
    vectorisers = (
        TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True),
        TfidfVectorizer(
            analyzer="word",
            ngram_range=WORD_NGRAMS,
            sublinear_tf=True,
            token_pattern=r"(?u)\b\w+\b",
        ),
    )
    matrix = hstack([v.fit_transform(texts) for v in vectorisers]).tocsr()
    svm = LinearSVC(C=0.5).fit(matrix, [model.labels.index(e.label) for e in examples])
    asked = [
        "ou est le wifi",
        "明日のプログラムは？",
        "add the reception to my agenda",
        "c koi",
        "a  b",
    ]
    scores = svm.decision_function(hstack([v.transform(asked) for v in vectorisers]).tocsr())
    for text, row in zip(asked, scores, strict=True):
        guess = model.guess(text)
        assert guess is not None
        best, second = np.sort(row)[::-1][:2]
        assert guess.label == model.labels[int(np.argmax(row))]
        assert guess.margin == pytest.approx(best - second, abs=1e-4)


def test_an_empty_or_unknown_text_has_no_sure_guess() -> None:
    model = Classifier.train(MADE_UP)
    assert model is not None
    assert model.guess("") is None
    unknown = model.guess("€€€")  # only the spaces around it are n-grams it knows
    assert unknown is None or not unknown.sure(understand.SURE)


def test_example_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    good = tmp_path / "a_good.yaml"
    good.write_text(
        "provenance: {written_by: tests}\n"
        "items:\n"
        "- {text: 'c koi le theme', expect: 'faq:theme-general'}\n"
        "- {text: 'ya des navettes ?', expect: uncovered, covered_by: shuttles}\n"
        "- {text: 'il pleut ?', expect: offtopic}\n",
        encoding="utf-8",
    )
    assert read_examples(good) == [
        Example("c koi le theme", THEME),
        Example("ya des navettes ?", Label(LabelKind.FAQ, "shuttles")),
        Example("il pleut ?", OFF),
    ]
    broken = tmp_path / "b_broken.yaml"
    broken.write_text("items:\n- {text: 'x', expect: 'weather'}\n", encoding="utf-8")
    with pytest.raises(ExampleFileError, match="item 1"):
        read_examples(broken)
    (tmp_path / "c_not_yaml.yaml").write_text("items: [unclosed", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert len(load_examples(tmp_path)) == 3  # the good file only
    assert "b_broken.yaml" in caplog.text and "c_not_yaml.yaml" in caplog.text
    assert load_examples(tmp_path / "missing") == []


def test_the_training_set_follows_the_faq_served() -> None:
    """An entry organisers removed is no longer a label; one they added is, by its phrasings."""
    entry = FaqEntry(
        id="shuttles",
        topic="practical",
        title=Localised("Navettes", "シャトル", "Shuttles"),
        answer=Localised("…", "…", "…"),
        questions={"fr": ("y a-t-il des navettes ?",), "en": ("is there a shuttle bus?",)},
    )
    examples = [*MADE_UP, Example("where is the dinner", Label(LabelKind.FAQ, "dinner"))]
    trained = training_set(examples, [entry], Edition.of([]))
    labels = {e.label for e in trained}
    assert Label(LabelKind.FAQ, "dinner") not in labels
    assert THEME not in labels  # not served either
    assert {AGENDA, OFF, Label(LabelKind.FAQ, "shuttles")} <= labels
    assert Example("is there a shuttle bus?", Label(LabelKind.FAQ, "shuttles")) in trained


def made_up_app(app: App, *more: Example) -> App:
    """The app with a classifier trained on the made-up words (and `more`) only."""
    deps = dataclasses.replace(app.deps, classifier=ClassifierService([*MADE_UP, *more]))
    return dataclasses.replace(app, deps=deps, conversation=features.conversation(deps))


async def understood(app: App, clock: FixedClock, text: str, lang: str = "fr") -> Understanding:
    message = Incoming("console", "marie", clock.now, text=text, language_hint=lang)
    return (await app.conversation.respond(message)).understood


async def test_a_sure_guess_is_answered_and_an_unsure_one_left_to_the_rules(
    app: App, clock: FixedClock
) -> None:
    bot = made_up_app(app)
    assert await understood(bot, clock, "quokka zarb plim") == Understanding(
        Outcome.ANSWERED, "agenda"
    )
    assert await understood(bot, clock, "numbat frot snarf") == Understanding(
        Outcome.ANSWERED, "faq", "theme-general"
    )
    assert (await understood(bot, clock, "wombat glorf trap")).outcome is Outcome.OFF_TOPIC
    # Without the model's words, the rules' own answer (here the fallback).
    assert (await understood(bot, clock, "quokka numbat wombat")).outcome is Outcome.FALLBACK
    # The same message without a model at all: the fallback too.
    deps = dataclasses.replace(app.deps, classifier=None)
    no_model = dataclasses.replace(app, deps=deps, conversation=features.conversation(deps))
    assert (await understood(no_model, clock, "quokka zarb plim")).outcome is Outcome.FALLBACK


async def test_a_fairly_sure_guess_answers_only_where_the_rules_found_nothing(
    app: App, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Short of SURE, an FAQ guess comes last: in place of the fallback, with "something
    else?" under it, which passes the question to the organisers; never before a rule's
    reading, and never a request done or declined on a doubt."""
    bot = made_up_app(app)
    monkeypatch.setattr(understand, "SURE", float("inf"))
    monkeypatch.setattr(understand, "FAIRLY_SURE", float("inf"))
    assert (await understood(bot, clock, "numbat frot snarf")).outcome is Outcome.FALLBACK
    monkeypatch.setattr(understand, "FAIRLY_SURE", 0.0)
    message = Incoming("console", "marie", clock.now, text="numbat frot snarf", language_hint="fr")
    response = await bot.conversation.respond(message)
    assert response.understood == Understanding(Outcome.ANSWERED, "faq", "theme-general")
    other = [b for b in response.replies[-1].buttons if b.payload.startswith("/faq-none ")]
    assert [b.label for b in other] == ["Autre chose ?"]
    async with app.sessionmaker() as db:
        before = [r.text for r in await unanswered(db)]  # the fallback's, above
    assert before == ["numbat frot snarf"]  # the answer's is kept, but answered unless refused
    said = Incoming("console", "marie", clock.now, text=other[0].payload, language_hint="fr")
    await bot.conversation.respond(said)
    async with app.sessionmaker() as db:
        assert [r.text for r in await unanswered(db)] == [*before, "numbat frot snarf"]
    # a request (the agenda) or off-topic, guessed on a doubt: the fallback
    assert (await understood(bot, clock, "quokka zarb plim")).outcome is Outcome.FALLBACK
    assert (await understood(bot, clock, "wombat glorf trap")).outcome is Outcome.FALLBACK
    # the rules read a day's programme: the guess comes after them
    got = await understood(bot, clock, "numbat frot snarf : le programme de demain ?")
    assert (got.outcome, got.intent, got.detail) == (Outcome.ANSWERED, "schedule.day", "2024-11-21")


async def test_the_rules_read_when_or_where_a_named_session_is(app: App, clock: FixedClock) -> None:
    """The model may be sure of an FAQ entry where the message asks where a workshop is."""
    workshop = Label(LabelKind.FAQ, "workshop-society")
    words = ("enjeux", "thème", "sujet", "but")
    bot = made_up_app(app, *(Example(f"atelier société {w}", workshop) for w in words))
    said = await understood(bot, clock, "Où est l'atelier société ?")
    assert said.intent.startswith("schedule.") and said.outcome is Outcome.ANSWERED
    assert await understood(bot, clock, "atelier société enjeux") == Understanding(
        Outcome.ANSWERED, "faq", "workshop-society"
    )


async def test_a_sure_off_topic_guess_still_keeps_a_practicality(
    app: App, clock: FixedClock
) -> None:
    """What the organisers should hear of (interpretation, a badge) is kept, not declined."""
    bot = made_up_app(app, *(Example(f"badge {w}", OFF) for w in ("perdu", "oublié")))
    said = await understood(bot, clock, "j'ai perdu mon badge, qui dois-je voir ?")
    assert said.outcome is Outcome.FALLBACK


async def test_the_bundled_model_is_trained_at_start(
    app: App, database: Database, clock: FixedClock
) -> None:
    service = app.deps.classifier
    assert service is not None and service.examples and service.ready
    # a process that answers no delegate (the worker, the FAQ commands) does not train it
    quiet = await build_app(database.settings(), clock=clock, answers=False)
    try:
        assert quiet.deps.classifier is not None and not quiet.deps.classifier.ready
    finally:
        await quiet.close()
    async with app.sessionmaker() as db:
        model = await service.model(app.deps, db)
    assert model is not None
    assert understand.SURE > 0 and len(model.labels) > 50


def test_a_model_is_trained_once_per_examples_and_phrasings() -> None:
    """An edited answer changes the edition, not the model: no new training (seconds of CPU
    for each edit); a new phrasing does train anew."""
    entry = FaqEntry(
        id="theme-general",
        topic="general",
        title=Localised("Thème", "テーマ", "Theme"),
        answer=Localised("…", "…", "…"),
        questions={"fr": ("quel est le thème ?",)},
    )
    first = trained(MADE_UP, [entry], Edition.of([]))
    edited = dataclasses.replace(entry, answer=Localised("Le thème est…", "…", "…"))
    assert trained(MADE_UP, [edited], Edition.of([])) is first
    asked = dataclasses.replace(entry, questions={"fr": ("quel est le thème général ?",)})
    assert trained(MADE_UP, [asked], Edition.of([])) is not first


async def test_a_failed_training_leaves_the_rules_answering(
    app: App, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The training process killed for memory, say: the bot answers with its rules alone."""

    def fails(examples: object) -> None:
        raise MemoryError("the training process was killed")

    monkeypatch.setattr(Classifier, "train", fails)
    bot = made_up_app(app, Example("quokka zarb plim xx", AGENDA))  # a set never trained before
    with caplog.at_level(logging.ERROR):
        said = await understood(bot, clock, "quokka zarb plim")
    assert said.outcome is Outcome.FALLBACK
    assert "classifier not trained" in caplog.text
    assert (await understood(bot, clock, "c'est quoi le thème ?")).intent == "faq"


async def test_a_day_word_in_an_off_topic_message_does_not_make_it_a_programme_question(
    app: App, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """« il fait beau demain ? »: read as off-topic by the model, even unsure, declined rather
    than answered with tomorrow's programme."""
    monkeypatch.setattr(understand, "SURE", 100.0)  # only the smaller margin acts
    bot = made_up_app(app)
    assert (await understood(bot, clock, "wombat glorf demain ?")).outcome is Outcome.OFF_TOPIC
    assert await understood(bot, clock, "numbat snarf demain ?") == Understanding(
        Outcome.ANSWERED, "schedule.day", "2024-11-21"
    )
    assert (await understood(bot, clock, "wombat glorf trap")).outcome is Outcome.FALLBACK


def test_a_saved_model_guesses_as_the_trained_one(tmp_path: Path) -> None:
    model = Classifier.train(MADE_UP)
    assert model is not None
    model.save(tmp_path / "model.npz")
    loaded = Classifier.load(tmp_path / "model.npz")
    assert loaded.labels == model.labels
    for text in ("quokka zarb", "numbat frot snarf", "wombat hund", "quokka numbat"):
        mine, theirs = model.guess(text), loaded.guess(text)
        assert mine is not None and theirs is not None
        assert (theirs.label, round(theirs.margin, 5)) == (mine.label, round(mine.margin, 5))


def test_a_model_is_read_from_the_cache_folder_instead_of_trained_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """What a restart, a worker or another replica sharing the folder does."""
    examples = [*MADE_UP, Example("quokka zarb plim cache", AGENDA)]
    first = trained(examples, [], Edition.of([]), tmp_path)
    assert first is not None and len(list(tmp_path.glob("classifier-*.npz"))) == 1

    def fails(examples: object) -> None:
        raise AssertionError("trained again")

    monkeypatch.setattr(service, "_TRAINED", OrderedDict())  # a new process
    monkeypatch.setattr(Classifier, "train", fails)
    again = trained(examples, [], Edition.of([]), tmp_path)
    assert again is not None and again is not first
    assert again.guess("quokka vesk") == first.guess("quokka vesk")
    # a file that is not a model (cut short, another version): trained again, and replaced
    saved = next(tmp_path.glob("classifier-*.npz"))
    saved.write_bytes(b"not a model")
    monkeypatch.undo()
    monkeypatch.setattr(service, "_TRAINED", OrderedDict())
    with caplog.at_level(logging.WARNING):
        retrained = trained(examples, [], Edition.of([]), tmp_path)
    assert retrained is not None and "not read" in caplog.text
    assert Classifier.load(saved).labels == retrained.labels


def test_only_the_last_models_are_kept_in_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "_TRAINED", OrderedDict())
    for n in range(service.KEPT + 1):
        trained([*MADE_UP, Example(f"quokka kept{n}", AGENDA)], [], Edition.of([]), tmp_path)
    assert len(list(tmp_path.glob("classifier-*.npz"))) == service.KEPT
    assert not list(tmp_path.glob(".classifier-*"))  # no file left half written


def test_a_model_saved_by_other_code_reading_the_texts_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade that changes the normaliser, the texts learnt are read differently:
    the model saved before is another file, not the one read."""
    examples = [*MADE_UP, Example("quokka zarb plim upgrade", AGENDA)]
    monkeypatch.setattr(service, "_TRAINED", OrderedDict())
    trained(examples, [], Edition.of([]), tmp_path)
    monkeypatch.setattr(service, "_TRAINED", OrderedDict())
    monkeypatch.setattr(service, "_reader_fingerprint", lambda: "the normaliser of a new version")
    assert trained(examples, [], Edition.of([]), tmp_path) is not None
    assert len(list(tmp_path.glob("classifier-*.npz"))) == 2
