"""Messages as delegates type them on a phone, made readable for the understanders: French
SMS spellings spelt out ("koi" → "quoi", "ya" → "il y a") and Japanese typed in romaji turned
into kana ("kaijou doko" → "かいじょうどこ"). Accents, widths and kana are folded later, by
`handlers.core.text`."""

from __future__ import annotations

import re
import unicodedata

import jaconv

from handlers.core import homophones, typos
from handlers.core.homophones import Edition
from handlers.core.language import detect, is_latin_word
from handlers.core.text import fold_accents

# SMS and chat spellings (French, then English), one word each (casefolded, accents kept).
SMS = {
    "koi": "quoi",
    "kwa": "quoi",
    "ki": "qui",
    "ke": "que",
    "kel": "quel",
    "kelle": "quelle",
    "keske": "qu'est-ce que",
    "ya": "il y a",
    "y'a": "il y a",
    "c": "c'est",
    "ct": "c'était",
    "cé": "c'est",
    "ds": "dans",
    "pr": "pour",
    "pk": "pourquoi",
    "pkoi": "pourquoi",
    "pkwa": "pourquoi",
    "pourkoi": "pourquoi",
    "cmt": "comment",
    "coment": "comment",  # one letter from « comment » and from « moment »: not the typo table's
    "koment": "comment",
    "tt": "tout",
    "jcrois": "je crois",
    "pq": "pourquoi",
    "pcq": "parce que",
    "qd": "quand",
    "kan": "quand",
    "ou": "où",
    "tjs": "toujours",
    "bcp": "beaucoup",
    "mnt": "maintenant",
    "mtn": "maintenant",
    "dmain": "demain",
    "dem": "demain",
    "2main": "demain",
    "auj": "aujourd'hui",
    "ajd": "aujourd'hui",
    "aprem": "après-midi",
    "aprèm": "après-midi",
    "rdv": "rendez-vous",
    "recep": "réception",
    "prog": "programme",
    "progr": "programme",
    "mn": "min",
    "infos": "informations",
    "dispo": "disponible",
    "qqch": "quelque chose",
    "qqn": "quelqu'un",
    "stp": "s'il te plaît",
    "svp": "s'il vous plaît",
    "t": "tu es",
    "jsuis": "je suis",
    "chui": "je suis",
    "jveux": "je veux",
    "jcomprends": "je comprends",
    "jsais": "je sais",
    "jpeux": "je peux",
    # spoken French for what the FAQ says in writing
    "boulot": "travail",
    "taf": "travail",
    "bosse": "travaille",
    "bossons": "travaillons",
    "bosser": "travailler",
    "gamins": "enfants",
    "gosses": "enfants",
    "mômes": "enfants",
    "mamans": "mères",
    "maman": "mère",
    "papas": "pères",
    "ados": "adolescents",
    "pb": "problème",
    "pbs": "problèmes",
    "asso": "association",
    "assos": "associations",
    # abbreviations of local-government French
    "enr": "énergies renouvelables",
    "ges": "gaz à effet de serre",
    "ess": "économie sociale et solidaire",
    "pmr": "personnes à mobilité réduite",
    # English chat spellings
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmrrw": "tomorrow",
    "2moro": "tomorrow",
    "tmw": "tomorrow",
    "tdy": "today",
    # "tomorrow" misspelt twice (one typo, "tomorow", is the typo table's)
    "tommorow": "tomorrow",
    # days cut short: "Thu programme pls"
    "tues": "tuesday",
    "weds": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "pls": "please",
    "plz": "please",
    "u": "you",
    "ur": "your",
    "thx": "thanks",
    "abt": "about",
    "wat": "what",
    "wen": "when",
    "whr": "where",
    "nxt": "next",
    "rn": "right now",
    "ppl": "people",
    "bc": "because",
    "bcz": "because",
    "cuz": "because",
    "im": "i'm",
    "q": "question",
    "info": "information",
    "smth": "something",
    "sth": "something",
    "smthg": "something",
    # the workshops' names cut short
    "econ": "economy",
    "ws": "workshop",
    "enviro": "environment",
}


def _combien(match: re.Match[str]) -> str:
    """ "cb" is « combien », except where it is the bank card ("payer par cb", "ma cb")."""
    before = match.string[: match.start()].split()
    return match[0] if before and before[-1] in _CARD_WORDS else "combien"


_CARD_WORDS = frozenset("par en la ma ta sa une votre notre ou carte".split())

# Voice dictation, in French: punctuation said aloud is written out as words ("… virgule c'est
# pour …", "… point d'interrogation"), and words are written as their homophones: « ses où »,
# « ces quoi » for « c'est où », « c'est quoi »; « sa commence » for « ça commence ».
_ASKING = r"où|ou|quand|quoi|qui|combien|comment|quel|quelle|quels|quelles|lequel|laquelle"
# what follows « ça » and never a possessive « sa »: a verb, a pronoun before one, a negation
_CA_VERBS = (
    r"commencen?t?|commence|finit|finira|fini|termine|terminera|dure|durera|va|ira|marche|"
    r"coûte|coute|tombe|concerne|parle|existe|change|intéresse|interesse|sera|serait|était|"
    r"etait|fait|peut|doit|compte|se|s['’]|me|m['’]|te|t['’]|nous|vous|ne|n['’]|y|a"
)
DICTATION = (
    (re.compile(r"\bce (?=pass(?:e|ent|era)\b)"), "se "),  # « ou sa ce passe » is « se passe »
    (re.compile(r"\s*\bpoint d['’]interrogation\b"), " ?"),
    (re.compile(r"\s*\bpoint d['’]exclamation\b"), " !"),
    (re.compile(r"\s*\bvirgule\b"), ","),
    (re.compile(rf"\b(?:ses|ces|s['’]est) (?=(?:{_ASKING})\b)"), "c'est "),
    (re.compile(rf"\bsa (?=(?:{_CA_VERBS})(?![\w]))"), "ça "),
    (re.compile(r"\bcb\b"), _combien),
)


def _elide(match: re.Match[str]) -> str:
    small, word = (g for g in match.groups() if g)
    return f"{small}'{word}"


# Elisions typed without their apostrophe ("latelier", "cest", "dapres demain"): before the
# words delegates elide most, and the small words that always elide.
_ELIDED = (
    r"ateliers?|agenda|apres|apr[eè]s-midi|heure|ouverture|[eé]dition|[eé]conomie|"
    r"environnement|[eé]v[eé]nement|accueil|inscription|endroit|entr[eé]e|autre|h[oô]tel|"
    r"[eé]cologie|[eé]ducation|[eé]nergie|[eé]tage|adresse|application|anglais|avance|"
    r"organisation|organisateurs|inter[eê]t|ordre|avant|alerte"
)
# "dai 3 bunkakai": the third workshop, 第3分科会, in a romaji sentence or a French or English one
_WORKSHOP_IN_ROMAJI = re.compile(r"\bdai ?([1-3]) ?bunkakai\b")
SMS_PHRASES = (
    (re.compile(rf"\b([ld])({_ELIDED})\b"), r"\1'\2"),
    (re.compile(r"\bquest-ce\b|\bquestce\b|\bqueske\b"), "qu'est-ce"),
    (re.compile(r"\b(?:(c)(est|etait|était)|(j)(ai)|(qu)(il|ils|on|est)|([ns])(est))\b"), _elide),
    (re.compile(r"\bc t\b"), "c'était"),
    # phonetic spelling: « vous savé fer koi », « vous pouvé la metre »
    (re.compile(r"\bvous (\w{2,})é\b"), r"vous \1ez"),
    (re.compile(r"\b(sais|sait|savez|peux|peut|pouvez|va|vas|allez) fer\b"), r"\1 faire"),
    (re.compile(r"\bcb (?=de |d'|d’)"), "combien "),  # not « payer par CB »: "cb de temps"
    (re.compile(r"\baujourd ?h?ui\b"), "aujourd'hui"),  # « aujourdui » too
    (_WORKSHOP_IN_ROMAJI, r"第\1分科会"),
    (re.compile(r"\batelier (?:eco|éco)\b"), "atelier économie"),
    (re.compile(r"\batelier (?:env|envt|enviro|envi)\b"), "atelier environnement"),
    (re.compile(r"\batelier (?:soc|socio)\b"), "atelier société"),
    (re.compile(r"\b(?:eco|econ) workshop\b"), "economy workshop"),
    (re.compile(r"\b(?:env|envt|enviro|envi) workshop\b"), "environment workshop"),
    (re.compile(r"\b(?:soc|socio) workshop\b"), "society workshop"),
    # British idiom for the Rencontres' own words: "breakout sessions", "it wraps up"
    (re.compile(r"\bbreak-?out (?:sessions|groups|themes|rooms)\b"), "workshops"),
    (re.compile(r"\bbreak-?out (?:session|group|theme|room)\b"), "workshop"),
    (re.compile(r"\b(?:wraps|winds) up\b"), "ends"),
    (re.compile(r"\b(?:wrap|wind) up\b"), "end"),
    (re.compile(r"\b(?:wrapping|winding) up\b"), "ending"),
    # "kick off", also around its object ("kicked the whole thing off"): start
    (re.compile(r"\bkick(s|ed|ing)?\b((?: [\w'’]+){0,3}?) off\b"), r"start\1\2"),
    # a year said the short way ("back in '08"): the Rencontres' years are this century's
    (re.compile(r"(?<![\w'’])['’]([0-2]\d)\b"), r"20\1"),
    *DICTATION,
)
# "ou" is "or" as often as "where": spelt out only where a where-question is likely.
_OU_WHERE = re.compile(
    r"\b(?:c|c'est|se passe|a lieu|sont|est|on va|se trouve)\s+ou\b|\bou\s*\?$"
    # a message that starts with it: « ou ça se passe exactement ? »
    r"|^\s*ou\b(?= (?:ça|ca|sa|se|c'est|est|sont|on|je|il|elle|a lieu)\b)"
)
# A hyphenated word is one token: the "t" of « parle-t-on » is not the SMS "t" (« tu es »).
_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*|[^\w\s]+|\s+")

# Romaji: a word made only of Japanese syllables (Hepburn and Kunrei, long vowels, doubled
# consonants, a final n), and the small words that show a sentence is Japanese.
_SYLLABLES = re.compile(
    r"^(?:(?:(?:ky|gy|sh|sy|zy|jy|ch|ty|dy|ts|ny|hy|by|py|my|ry|[kgszjtdnhbpmyrwf])?[aiueo])"
    r"|n(?![aiueoy])|([kgsztdhbpmcfj])(?=\1))+$"
)
_JAPANESE_SOUNDS = re.compile(r"ou|uu|ii|aa|ei|ky|ry|ny|hy|sh|ch|ts|j|fu|zu|nn")
_JAPANESE_WORDS = frozenset(
    "wa ga no wo ni de to mo ka ne yo desu masu desuka kudasai onegai doko itsu nan nani nanji "
    "naze dou dore kara made ashita kyou kyo asatte ima tsugi basho kaijou kaijo bunkakai "
    "puroguramu yotei jikan sesshon shitai oshiete".split()
)


_ELISION = re.compile(r"^(?:d|l|qu|j|n|s|c|m|t)['’](?=\w)")


def expand_sms(text: str) -> str:
    """SMS spellings spelt out, word by word; other text comes back unchanged."""
    lowered = text.casefold()
    phrased = lowered
    for pattern, spelt in SMS_PHRASES:
        phrased = pattern.sub(spelt, phrased)
    if phrased != lowered:
        lowered = text = phrased
    if not any(_ELISION.sub("", w) in SMS for w in re.findall(r"[\w'’]+", lowered)):
        return text
    out = []
    for token in _WORD.findall(lowered):
        if token == "ou":
            out.append(token)
            continue
        elided = _ELISION.match(token)  # « le programme d'ajd »
        if token not in SMS and elided and token[elided.end() :] in SMS:
            out.append(elided[0] + SMS[token[elided.end() :]])
            continue
        out.append(SMS.get(token, token))
    result = "".join(out)
    return _OU_WHERE.sub(lambda m: m.group(0).replace("ou", "où"), result)


def looks_romaji(text: str, long_vowels: bool = False) -> bool:
    """Japanese typed in Latin letters: ASCII, not French or English, most words Japanese
    syllables, and one of Japanese's small words (or only Japanese syllables, two words or
    more)."""
    if not text.isascii():
        return False
    words = re.findall(r"[a-z]+", text.casefold())
    if not words:
        return False
    valid = [w for w in words if _SYLLABLES.match(w)]
    if len(valid) < 0.7 * len(words):
        return False
    # Two of Japanese's small words make a Japanese sentence even with a borrowed word in it
    # ("kangei kouryuukai wo agenda ni tsuika"); otherwise no French or English may show.
    particles = {w for w in words if w in _JAPANESE_WORDS}
    if len(particles) >= 2 and len(words) >= 3:
        return True
    if long_vowels and particles:
        return True  # a long vowel written with a macron ("tēma"), and a small word
    if detect(text) is not None or any(is_latin_word(w) for w in words):
        return False
    if particles:
        return True
    # Without one, only Japanese sounds French and English lack ("kangei kouryuukai"), and no
    # digit glued to a word: "3eme edition" is French.
    return (
        len(words) >= 2
        and valid == words
        and not re.search(r"\d[a-z]", text.casefold())
        and any(_JAPANESE_SOUNDS.search(w) for w in words)
    )


def is_romaji_word(word: str) -> bool:
    """A word made only of Japanese syllables ("asahata", "sengen")."""
    return bool(_SYLLABLES.match(word))


# A unit after a number is not romaji: "10 min" is not 「10みん」.
_UNIT = re.compile(r"(?<=\d) ?(?:min|mn|h)\b")


def romaji_to_kana(text: str) -> str:
    """Kana without the spaces between romaji words: Japanese is written without them, and
    names split in romaji ("kangei kouryuukai") must read as one word. A word left in Latin
    letters keeps a space on each side, to stay a word ("juppun mae ni reminder onegai")."""
    particles = re.sub(r"\bwa\b", "は", re.sub(r"\bwo\b", "を", text.casefold()))  # said "wa"
    particles = _WORKSHOP_IN_ROMAJI.sub(r"第\1分科会", particles)
    units = {m.start() for m in _UNIT.finditer(particles)}

    def kana_of(m: re.Match[str]) -> str:
        word = m[0]
        after_a_number = m.start() in units or m.start() - 1 in units
        if after_a_number or not _SYLLABLES.match(word.replace("-", "")):
            return word  # "local food" in a romaji sentence stays
        return str(jaconv.alphabet2kana(word))

    kana = re.sub(r"[a-z-]+", kana_of, particles)
    return re.sub(r"(?<=[^a-z\s])\s+(?=[^a-z\s])", "", kana).strip()


# Hepburn doubles the n of ん before a syllable of n: "konnichiwa", "sannen", "nannichi"; the
# converter reads "nn" as ん alone, so the apostrophe that marks a syllable's end in Hepburn
# ("san'nen") is put in, and taken out of the kana.
_HEPBURN_NN = re.compile(r"(?<=[aiueo])nn(?=[aiueoy])", re.IGNORECASE)
_KANA_APOSTROPHE = re.compile(r"(?<=[ぁ-ゖ])'(?=[ぁ-ゖ])")

# Hepburn's long vowels ("tēma", "kōen"): no French or English word has them.
_MACRONS = re.compile("[āēīōūĀĒĪŌŪ]")


# --- Japanese ---------------------------------------------------------------------------------

_JAPANESE_SCRIPT = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]")
_JA_CHAR = r"[\u3040-\u30ff\u4e00-\u9fff々〆ー]"
# Kana-only writers space their words (「だいいっかいって どこで」): Japanese has no spaces.
_JA_SPACE = re.compile(rf"(?<={_JA_CHAR})[ \u3000]+(?={_JA_CHAR})")
# Ordinals in kana, as typed by whoever does not convert: 「だいいっかい」 is 第1回, 「だいさん
# ぶんかかい」 第3分科会; not 「だいにかいじょう」 (第2会場, a room) nor 「だいにかいぎ」.
_KANA_NUMBERS = {
    "いっ": 1, "いち": 1, "に": 2, "さん": 3, "よん": 4, "ご": 5, "ろっ": 6, "ろく": 6,
    "なな": 7, "しち": 7, "はっ": 8, "はち": 8, "きゅう": 9, "く": 9,
}  # fmt: skip
_KANA_ORDINAL = re.compile(
    r"だい(" + "|".join(sorted(_KANA_NUMBERS, key=len, reverse=True)) + r")"
    r"(?:(かい)(?!じょう|じょー|ぎ|かん|しゃ|いん)|(ぶんかかい))"
)
# Katakana loanwords from French and English for the Rencontres' own words, as delegates
# who work with the French side write them (「アトリエ・ドゥ」, 「ソシエテのアトリエ」, 「ネクストの
# ランコントル」): the Japanese word the content and the patterns know. A loanword inside a
# longer one stays (「サーキュラーエコノミー」 is the circular economy, not the workshop).
_LOANWORDS = {
    "ワークショップ": "分科会",
    "アトリエ": "分科会",
    "ソシエテ": "社会",
    "ソサエティ": "社会",
    "ソサエティー": "社会",
    "エコノミー": "経済",
    "エコノミ": "経済",
    "アンヴィロヌマン": "環境",
    "アンビロヌマン": "環境",
    "エンバイロメント": "環境",
    "エンバイロンメント": "環境",
    "ランコントル": "会議",
    "ランコントゥル": "会議",
    "ランコントレ": "会議",
    "ネクスト": "次",
    "プレニエール": "全体会",
    "プレナリー": "全体会",
    "オープニングセレモニー": "開会式",
    "クロージングセレモニー": "閉会式",
    "オープニング": "開会式",
    "クロージング": "閉会式",
    "セレモニー": "式典",
    "デクララシオン": "宣言",
    "デクラレーション": "宣言",
}
_KATAKANA = r"[\u30a1-\u30fa\u30fc]"
_LOANWORD = re.compile(
    rf"(?<!{_KATAKANA})(?:"
    + "|".join(sorted(_LOANWORDS, key=len, reverse=True))
    + rf")(?!{_KATAKANA})"
)
# A workshop by its number, in digits or in French or English (「アトリエ・ドゥ」, 「ワーク
# ショップ3」); a room in French (「サル何番」, 「サル2」).
_WORKSHOP_NUMBER = re.compile(
    r"(?:ワークショップ|アトリエ|分科会)[\s・･]*(?:(\d)|(アン|ユヌ|ワン)|(ドゥー?|ツー)|(トロワ|スリー))"
    # 「ワークショップ3つ」 are the three of them; 「分科会10時」「分科会2日目」 a time, a day
    rf"(?!{_KATAKANA}|\d|つ|個|件|時|日|分|じ|にち)"
)
_SALLE = re.compile(rf"(?<!{_KATAKANA})(?:サル|ルーム)(?=[\s・]*(?:\d|何|なん|番号))")


# Question words of time in kana, as the content writes them: 「なんにちまで」 is 「何日まで」 (the
# reading of 「何日」 out of context is not 「なんにち」, and the two would not meet).
_KANA_QUESTIONS = {"なんにち": "何日", "なんじ": "何時", "なんようび": "何曜日", "なんねん": "何年"}
_KANA_QUESTION = re.compile(
    r"(?<![ぁ-ゖ])(?:" + "|".join(_KANA_QUESTIONS) + r")(?![ゃゅょぁぃぅぇぉ])"
    r"|(?<=[はのもがでにとへ])(?:" + "|".join(_KANA_QUESTIONS) + r")(?![ゃゅょぁぃぅぇぉ])"
)


# The Rencontres' own words typed in kana whose sound holds another word: 「ぜんたいかい」
# (全体会, the plenary) holds 「たいかい」, which is also 退会 (leaving the service).
_KANA_NAMES = re.compile(r"ぜんたいかい(?:ぎ)?")


def _workshop_number(match: re.Match[str]) -> str:
    digit = match[1] or str(next(n for n, g in enumerate(match.groups()[1:], start=1) if g))
    return f"第{digit}分科会"


def japanese_words(text: str, edition: Edition) -> str:
    """Japanese as the understanders read it: widths folded (NFKC), no spaces between
    Japanese words, wrong kanji of the edition's words put right, ordinals in kana as numbers,
    the Rencontres' French and English loanwords in Japanese."""
    if not _JAPANESE_SCRIPT.search(text):
        return text
    text = unicodedata.normalize("NFKC", text)
    text = _JA_SPACE.sub("", text)
    text = homophones.repair(text, edition)
    text = _KANA_ORDINAL.sub(lambda m: f"第{_KANA_NUMBERS[m[1]]}{'回' if m[2] else '分科会'}", text)
    text = _WORKSHOP_NUMBER.sub(_workshop_number, text)
    text = _SALLE.sub("会場", text)
    text = _KANA_QUESTION.sub(lambda m: _KANA_QUESTIONS[m[0]], text)
    text = _KANA_NAMES.sub(lambda m: "全体会" + ("議" if m[0].endswith("ぎ") else ""), text)
    return _LOANWORD.sub(lambda m: _LOANWORDS[m[0]], text)


# The bot's Japanese vocabulary typed in romaji inside an English sentence ("which bunkakai do
# we go", "ima, which session is on?"): read as its English meaning. Only words no English or
# French word spells the same way; Japanese's small words are read only between two of them.
_ROMAJI_PHRASES = {
    r"kangei ?kou?ryuu?kai|kangei ?kai|kangeikai": "welcome reception",
    r"chisan ?chishou?": "local production and consumption",
    r"jinkou? ?gensh[ou]u?|jinkou? ?genshou?": "population decline",
    r"bou?sai ?kyou?iku": "disaster education",
    r"zentai ?kai(?:gi)?": "plenary",
    r"eigo de|eigo ni": "in english",
    r"furansugo de|furansugo ni": "in french",
    r"nihongo de|nihongo ni": "in japanese",
    r"dai ?[1-3] ?bunkakai": "workshop",  # the workshop's number is kept (see gloss_romaji)
    r"bunkakai": "workshop",
    # English words as Japanese writes them in katakana, typed in romaji
    r"wa-?kushoppu": "workshop",
    r"rimaind(?:aa?|a-)": "reminder",
    r"gengo ?settei": "language settings",
    r"settei": "settings",
    r"happyou?|happyou? suru": "presentation",
    r"mondai": "issue",
    r"machi": "town",
    r"ima": "now",
    r"shakai": "society",
    r"kankyou?": "environment",
    r"keizai": "economy",
    r"nanji": "what time",
    r"itsu": "when",
    r"doko": "where",
    r"basho|kaijou?": "venue",
    r"ashita": "tomorrow",
    r"kyou": "today",
    r"kodomo": "children",
    r"kyou?iku": "education",
    r"jirei": "case",
    r"onegai(?:shimasu)?": "please",
    r"eigo": "english",
    r"furansugo": "french",
    r"tsuika": "add",
    r"sakujo": "remove",
    r"yotei": "schedule",
    r"kyuu?shoku": "school meals",
    r"kou?reika": "ageing",
    r"dejitaru": "digital",
    r"datsutanso": "decarbonisation",
    r"saigai": "disaster",
    r"bunka": "culture",
    r"kankou?": "tourism",
}
_ROMAJI_GLOSS = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in _ROMAJI_PHRASES) + r")\b")
_ROMAJI_GLOSSES = [(re.compile(rf"^(?:{p})$"), g) for p, g in _ROMAJI_PHRASES.items()]
_GLOSSED = "|".join(sorted({g for g in _ROMAJI_PHRASES.values()}, key=len, reverse=True))
_GLOSS_PARTICLE = re.compile(rf"\b({_GLOSSED}) (?:no|wa|wo|ga|ni|de|mo|kara) (?=\w)")
_GLOSS_KARA = re.compile(r"\b(what time|when) kara\b")


def gloss_romaji(text: str) -> str:
    """The bot's Japanese words typed in romaji inside English text, in English."""
    if not text.isascii():
        return text
    lowered = text.casefold()
    if not _ROMAJI_GLOSS.search(lowered) or detect(text) == "fr":
        return text

    def gloss(m: re.Match[str]) -> str:
        word = re.sub(r"\s+", " ", m[0])
        if number := re.match(r"dai ?([1-3])", word):
            return f"workshop {number[1]}"
        if word in ("bunkakai", "wakushoppu", "wa-kushoppu") and re.search(
            r"\b(?:[2-9]|two|three|all|both) $", lowered[: m.start()]
        ):
            return "workshops"
        return next(
            (g for p, g in _ROMAJI_GLOSSES if p.match(word) or p.match(word.replace(" ", ""))),
            m[0],
        )

    glossed = _ROMAJI_GLOSS.sub(gloss, lowered)
    glossed = _GLOSS_PARTICLE.sub(r"\1 ", glossed)  # "shakai no bunkakai": society workshop
    return _GLOSS_KARA.sub(r"\1 does it start", glossed)


def readable(text: str, edition: Edition) -> tuple[str, str | None]:
    """The text the understanders read, and the language it shows (Japanese for romaji);
    `edition` is the FAQ and programme served, whose words wrong kanji are taken for."""
    romaji = _MACRONS.sub(lambda m: fold_accents(m[0]) + "-", text)  # "tē" → "te-" → 「てー」
    if looks_romaji(romaji, long_vowels=romaji != text):
        hepburn = _HEPBURN_NN.sub("n'n", romaji)  # "nannichi" is なんにち, not なんいち
        kana = _KANA_APOSTROPHE.sub("", romaji_to_kana(hepburn))
        return japanese_words(kana, edition), "ja"
    return typos.correct(expand_sms(gloss_romaji(japanese_words(text, edition)))), None
