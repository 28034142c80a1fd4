"""The one normaliser in front of the understanders: SMS spellings, shortened workshop names,
romaji."""

from __future__ import annotations

import pytest

from handlers.core.homophones import Edition
from handlers.core.normalise import readable

# The commands' words alone: what is read here does not hang on the FAQ or the programme.
BASE = Edition.of(())


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("pkoi la 1ere c t a nancy", "pourquoi la 1ere c'était a nancy"),
        ("l'atelier eco ca parle de koi", "l'atelier économie ca parle de quoi"),
        ("env workshop ok?", "environment workshop ok?"),
        ("nxt one pls", "next one please"),
        ("le boulot des mamans", "le travail des mères"),
        ("cest quand latelier 2", "c'est quand l'atelier 2"),
        ("le prog dapres demain", "le programme d'apres demain"),
        ("quest-ce quil y a", "qu'est-ce qu'il y a"),
        ("son atelier", "son atelier"),  # not « s'on »
        ("les ENR c'est où", "les énergies renouvelables c'est où"),
    ],
)
def test_sms_and_short_names_are_spelt_out(typed: str, read: str) -> None:
    assert readable(typed, BASE) == (read, None)


def test_romaji_becomes_kana() -> None:
    text, language = readable("kaigi no basho wa doko", BASE)
    assert (text, language) == ("かいぎのばしょはどこ", "ja")
    # two small words make it Japanese even with a borrowed English word in it
    assert readable("zentaikai wo agenda ni irete", BASE)[1] == "ja"
    assert readable("add the plenary to my agenda", BASE)[1] is None


@pytest.mark.parametrize("typed", ["3eme edition ??", "parle-t-on de la 2e ?", "atelier ado"])
def test_french_is_not_taken_for_romaji_or_sms(typed: str) -> None:
    text, language = readable(typed, BASE)
    assert language is None and "tu es" not in text


def test_hepburn_long_vowels_are_romaji() -> None:
    assert readable("kōen wa doko", BASE) == ("こーえんはどこ", "ja")


def test_a_macron_and_a_small_word_make_romaji_even_with_short_words() -> None:
    text, language = readable("tēma wa nani?", BASE)
    assert language == "ja" and text.startswith("てーま")
    assert readable("qu'est-ce que c'est, no ?", BASE)[1] is None


def test_english_words_in_a_romaji_sentence_stay_latin() -> None:
    # words of their own, with their spaces: the Latin vocabularies find them
    assert readable("chisan chishou to local food no jirei wa nan bunkakai", BASE)[0] == (
        "ちさんちしょうと local food のじれいはなんぶんかかい"
    )
    # a unit after a number is not romaji
    assert readable("go fun mae ni reminder onegai, 5 min mae", BASE)[0] == (
        "ごふんまえに reminder おねがい,5 min まえ"
    )


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        # kana-only writers space their words, and type ordinals in kana
        ("だいにかいは どこで ありましたか", "第2回はどこでありましたか"),
        ("だいいちぶんかかいの へや", "第1分科会のへや"),
        ("だいにかいじょうは どこ", "だいにかいじょうはどこ"),  # 第2会場, a room
        # the workshops, the rooms and the Rencontres in French or English katakana
        ("アトリエ・トロワの会場", "第3分科会の会場"),
        ("エコノミーのアトリエ", "経済の分科会"),
        ("ﾈｸｽﾄのﾗﾝｺﾝﾄﾙ", "次の会議"),  # half-width
        ("サル2はどこ", "会場2はどこ"),
        ("クロージングセレモニーは何時", "閉会式は何時"),
        ("あしたの ぜんたいかいは", "あしたの全体会は"),  # not 「たいかい」, leaving (退会)
        # a loanword inside a longer one, and the three workshops, stay
        ("サーキュラーエコノミーの事例", "サーキュラーエコノミーの事例"),
        ("ワークショップ3つの時間", "分科会3つの時間"),
        ("DX って 何", "DX って何"),
    ],
)
def test_japanese_is_read_as_the_content_writes_it(typed: str, read: str) -> None:
    assert readable(typed, BASE) == (read, None)


def test_hepburn_double_n_and_time_question_words_in_kana() -> None:
    # Hepburn's "nn" before a vowel is ん and a syllable of n; the converter alone reads ん only
    assert readable("minna no bunkakai wa nannichi?", BASE) == ("みんなのぶんかかいは何日?", "ja")
    assert readable("kanngei kouryuukai wa doko", BASE)[0] == "かんげいこうりゅうかいはどこ"
    # a time question word in kana is the content's kanji, not inside another word
    assert readable("へいかいしきは なんじから", BASE) == ("へいかいしきは何時から", None)
    assert readable("なんじゃこれ", BASE) == ("なんじゃこれ", None)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("le progamme complet svp", "le programme complet s'il vous plaît"),
        ("que se passe-t-il en ce momment ?", "que se passe-t-il en ce moment ?"),
        ("tenu infomré des chnagements", "tenu informé des changements"),
        ("whats on tomorow", "whats on tomorrow"),
        ("dans quel ateleir ?", "dans quel atelier ?"),
        # one letter from two forms of one word: the shorter; from two words: left as typed,
        # unless the SMS table knows it
        ("le programe de jeudi", "le program de jeudi"),
        ("les atelié", "les atelier"),
        # the SMS table's: as a keyword, « comment » would make « momment » two words' typo
        ("coment on fait", "comment on fait"),
        ("ya quoi a ce momen", "il y a quoi a ce moment"),
        # spoken French: « ce passe », « ou » first, « aujourdui »
        ("ou sa ce passe", "où ça se passe"),
        ("le programme aujourdui", "le programme aujourd'hui"),
        ("vous savé fer koi ?", "vous savez faire quoi ?"),
        # a real word one letter away from a keyword stays itself
        ("la couverture presse", "la couverture presse"),
        ("in the domain of energy", "in the domain of energy"),
        ("les programmes des villes", "les programmes des villes"),
        ("the remainder of the day", "the remainder of the day"),
        # Japanese is not touched
        ("プログラム見せて", "プログラム見せて"),
    ],
)
def test_one_typo_in_a_keyword_is_put_right(typed: str, read: str) -> None:
    assert readable(typed, BASE)[0] == read


def test_the_typo_table_holds_no_word_of_either_dictionary() -> None:
    from spellchecker import SpellChecker

    from handlers.core.text import fold_accents
    from handlers.core.typos import table

    typos = table()
    assert typos["progamme"] == "programme" and "couverture" not in typos
    for language in ("fr", "en"):
        words = {fold_accents(w) for w in SpellChecker(language=language).word_frequency.dictionary}
        assert not words & typos.keys(), language
