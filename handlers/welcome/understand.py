"""Requests about the bot itself, in words: answer in another language ("passe en anglais",
「フランス語に変えて」, "english please"), what can you do, which topics can I ask about."""

from __future__ import annotations

import re

from handlers.agenda.understand import AGENDA, FOLLOW, HOW, REMINDERS, SETTINGS
from handlers.core.messages import Reply
from handlers.core.turn import Turn
from handlers.core.words import Forms, Words
from handlers.schedule.intents import asks_when_or_where

LANGUAGES = {
    "fr": Words(
        latin=(r"francais", r"french", r"furansugo"),
        japanese=(r"ふらんす語", r"ふらんすご", r"仏語", r"(?<![a-z])(?:french|francais)(?![a-z])"),
    ),
    "en": Words(
        latin=(r"anglais", r"english", r"eigo"),
        japanese=(r"英語", r"えいご", r"(?<![a-z])english(?![a-z])"),
    ),
    "ja": Words(
        latin=(r"japonais", r"japanese", r"nihongo"),
        japanese=(r"日本語", r"にほんご"),
    ),
}
SWITCH = Words(
    latin=(
        r"traduis\w*",
        r"translate",
        r"passe\w*",
        r"repasse\w*",
        r"remet\w*",
        r"revien\w*",
        r"go back",
        r"back to",
        # the delegate's request, not what someone else does: « il parle japonais », « mon
        # collègue écrit en japonais » (the third person's « écrit »)
        r"(?<!\bil )(?<!\belle )(?<!\bils )(?<!\belles )parle\w*",
        r"repon\w*",
        r"(?<!\bil )(?<!\belle )(?<!\bils )(?<!\belles )ecri(?!ts?\b)\w*",
        r"change\w*",
        r"mets",
        r"switch\w*",
        r"prefere\w*",
        r"prefer\w*",
        r"speak",
        r"answer",
        r"reply",
        r"respond",
        r"write",
        r"use",
        r"langue",
        r"language",
        r"kae(?:te|ru|temo)",  # romaji: "nihongo ni kaete kudasai"
        r"kirikae\w*",
    ),
    japanese=(
        r"で(?:お願いします|おねがいします)",
        r"で(?:頼|たの)(?:む|み|みま)",  # 「日本語で頼むす」
        r"で読みたい",
        r"でよみたい",
        r"設定",
        r"せってい",
        r"モード",
        r"もーど",
        r"変え",
        r"かえ",
        r"切り替",
        r"切替",
        r"きりかえ",
        r"で(?:返事|返信|答え|こたえ|話|はな|表示|お願い|おねがい|どうぞ)",
        r"で(?:ご|お)?(?:回答|返答|対応|答え|こたえ|返事|返信|連絡|案内|説明|表示)",
        r"にして",
        r"に変更",
        r"に(?:戻|もど)",  # 「日本語に戻していただけますか」
        r"表示",
        r"言語",
        r"げんご",
    ),
)
LANGUAGE_WORD = Words(latin=(r"langue", r"language"), japanese=(r"言語", r"げんご"))
HELP = Words(
    latin=(
        r"tu peux m'aider",
        r"que faire",
        r"fonctionnalites",
        r"features",
        r"what (?:are|is) (?:your|the) (?:features|commands)",
        r"commands?",
        r"commandes?",
        # the bot's help, not the help a project gives ("l'aide aux devoirs", « aide à domicile »)
        r"aide(?! (?:aux?|a la|a l'|a domicile|alimentaire|sociale|humanitaire|financiere"
        r"|de la|de l'|des|du (?!bot))\b)",  # nor the help of someone (« l'aide de la région »)
        # the bot's help, not help with one's own work: "help with our slides"
        # nor help for others: "help for young families, which workshop?"
        r"help(?! (?:with|for|on|to) (?!me\b|us\b|(?:the |this )?(?:bot|app)\b))",
        r"tu sers a quoi",
        r"a quoi (?:tu sers|sers-tu|sert ce bot)",
        r"que sais[- ]tu faire",
        r"qu'?est-ce que tu (?:sais|peux) faire",
        r"comment (?:on |je )?(?:t'|vous |te )?utilis\w*",
        r"tu (?:sais|peux) faire quoi",
        r"(?:tu fais|vous faites) quoi",
        r"je (?:ne )?comprends (?:rien|pas comment)",
        r"i don'?t (?:get|understand) (?:how|this|it)",
        r"(?:t'es|tu es) capable de quoi",
        r"de quoi (?:es-tu|t'es|tu es) capable",
        r"que (?:peux|pouvez|sais|savez)[- ](?:tu|vous) faire",
        r"qu'?est-ce que (?:je peux|on peut) (?:te |vous )?demander",
        r"comment tu marche\w*",
        r"mode d'emploi",
        r"what can (?:you|this bot|the bot|u) do",
        # the word order of learners' English, the other persons of French
        r"what (?:you|u|this bot|the bot) (?:can|could) do",
        r"what (?:are|r) (?:you|u) (?:able to do|capable of|good for|for)\b",
        r"what (?:do|can) (?:you|u) (?:help (?:me )?with|do for me)",
        r"(?:ce que|que) (?:vous|tu) (?:etes|es) (?:en mesure|capables?) de faire",
        r"(?:ce que|qu'est-ce que) (?:vous|tu) (?:pouvez|peux|savez|sais) faire",
        r"what (?:you are|you're) able to (?:do|help with)",
        r"how (?:can|could) (?:you|u|this bot|the bot) help",
        r"(?:tu|vous) (?:sais|savez|peux|pouvez) faire quoi",
        r"qu'?est-ce que (?:vous|tu) (?:savez|pouvez|sais|peux) faire",
        r"a quoi (?:vous servez|servez-vous)",
        r"how (?:does|do) (?:this|you|it) work",
        r"how (?:does|do) (?:this|the) (?:bot|app|chatbot) work",
        r"how (?:to|do i) use (?:you|this|the bot)",
        r"how (?:can|do|could|should) (?:i|we) use (?:you|u|this|the bot|it)\b",
        r"how (?:i|we) (?:can|could|should) use (?:you|u|this|the bot|it)\b",
    ),
    japanese=(
        r"機能",
        r"きのう",
        r"できること",
        r"(?:使い方|機能|ぼっと|bot|この(?:アプリ|あぷり))を?説明して",
        r"どう使",
        r"どのように(?:して)?(?:使|つか)",
        r"どうやって(?:使|つか)",
        r"(?:利用|使用)方法",
        r"使える",
        r"こまんど",
        r"コマンド",
        r"使い方",
        r"つかいかた",
        r"へるぷ",
        r"(?:何|なに)が(?:でき|出来)",  # 「此ノ機械ハ何ガ出来ルカ」
        r"何を聞け",
        r"なにをきけ",
    ),
)
# 「どのようなことができるのでしょうか」: what the bot can do, unless a workshop or the
# conference is the subject.
WHAT_CAN_BE_DONE = Words(
    # with the dialects' どげな, どぎゃんな, どないな (Kyushu, Kansai)
    japanese=(
        r"(?:どのような|どんな|どういう|どういった|どげな|どげん|どぎゃんな|どないな)(?:こと|事)"
        r"(?:が|を)?(?:でき|可能)",
    ),
)
ABOUT_THE_CONFERENCE = Words(
    japanese=(r"分科会", r"ぶんかかい", r"テーマ", r"会議", r"自治体", r"発表", r"視察", r"全体会"),
)
# "Comment ça marche ?" alone is about the bot.
HELP_SHORT = Words(
    latin=(
        r"^comment (?:ca|ça) marche ?\??$",
        r"^how does (?:this|it) work ?\??$",
        r"^how does (?:this|the) (?:bot|app|chatbot) work\b",
        r"^comment (?:on |je |puis-je |peut-on )?(?:t'|vous |te )?utilis\w*"
        r"(?: (?:ce|le) bot)?(?! \w)",
        r"^how (?:do|can) (?:i|we) use (?:you|this|the bot|this bot)\b",
        r"^how (?:to|should i|should we) use (?:you|it|this|the bot|this bot)\b",
        r"how (?:you|u|this bot|the bot) (?:can|could) help\b",  # "tell me how you can help"
        r"^how (?:i|we) (?:can|could|should) use (?:you|u|this|the bot|this bot|it)\b",
        r"je (?:ne )?comprends (?:rien|pas comment)",  # lost with the bot, not with a topic
    ),
    japanese=(
        r"^(?:この(?:ぼっと|あぷり|bot)(?:は|って)?)?(?:どうやって|どのように(?:して)?)(?:使|つか)",
        r"^(?:この(?:ぼっと|あぷり|bot)の)?(?:利用|使用|使い)方法",
    ),
)
TOPICS = Words(
    latin=(
        r"themes? (?:disponibles|possibles)",
        r"que puis-je demander",
        r"what can i ask",
        r"faq",
        r"questions frequentes",
        r"sur quels? (?:themes?|sujets?)",
        r"quels (?:themes|sujets)",
        r"liste des (?:questions|sujets|themes)",
        # the bot's topics, or "topics" in a message of a few words; not "the example topics"
        # nor "the listed topics" of a question about the workshops
        r"(?:your|the bot'?s|all (?:the |your )?|(?:list|show|see|give)(?: me)?(?: of)?"
        r" (?:the |your |all )?)topics",
        r"^(?=(?:\W*[\w']+){1,5}\W*$).*\btopics?",
        r"list of (?:topics|questions|subjects)",
        r"what (?:topics|subjects)",
        r"(?:quoi|quels?|quelles?) comme (?:sujets|themes|questions|infos|informations)",
        r"quelles? (?:sortes? de |genres? de |types? de )?questions (?:est-ce que )?"
        r"(?:je peux|puis-je|on peut|peut-on|tu peux|peux-tu|vous pouvez|pouvez-vous|je (?:te|vous)"
        r" pose|poser)",
        r"(?:what|which) (?:kinds? of |sorts? of )?(?:topics|subjects|questions|things)"
        r" (?:can|could|do|are) (?:you|u|i|we)\b",
        r"(?:topics|subjects|questions) (?:can|could|do) (?:you|u) (?:know|answer|handle|cover)",
        r"what do (?:you|u) know\b(?! about)",
        # learners' word order: "which subjects you know?"
        r"(?:what|which) (?:topics|subjects|questions) (?:you|u) (?:know|can|could|cover|handle"
        r"|answer)\b",
    ),
    japanese=(
        r"質問できること",
        r"(?:何|なに|どんなこと|どういうこと)(?:が|を)?(?:聞け|きけ|質問でき|しつもんでき)",
        r"(?:どんな|どういう|どういった|どのような)(?:こと|事|事柄|質問|内容)(?:が|を|について|に関して)?"
        r"(?:聞け|きけ|質問でき|しつもんでき|お?尋ねでき|お?たずねでき|尋ねられ|伺え|うかがえ"
        r"|答えられ|こたえられ|教えてもらえ)",
        r"聞けること",
        r"(?:何|なに)について(?:聞け|きけ|質問でき|しつもんでき|お?尋ねでき|お?たずねでき)",
        r"きけること",
        r"質問一覧",
        r"何を聞",
        r"なにをき",
        r"よくある質問",
        r"質問の一覧",
        r"とぴっく",
        r"もくじ",
        r"目次",
        r"faq",
        r"どんな質問",
        # what the bot can answer, as a noun: 「答えられる話題の一覧」「対応できる質問」
        r"(?:答え|こたえ|回答|対応)(?:られる|できる|可能な)(?:話題|わだい|こと|質問|しつもん|内容|範囲"
        r"|項目|こうもく)",
        r"(?:扱え|あつかえ)る(?:話題|わだい|質問|しつもん)",
        r"(?:話題|わだい)の?(?:一覧|いちらん|りすと)",
        r"q ?& ?a ?の?(?:一覧|いちらん|りすと)",
    ),
)


# "in English, not French", "plutôt qu'en français": the language after these is not wanted.
NOT_THIS = re.compile(
    r"\b(?:not|pas|no|non|ni|nor|neither|instead of|rather than|plutot qu'?|au lieu d'?)"
    r"(?: en| in)? ?$"
)
# "the programme in English": a request for the programme, not a change of language.
ABOUT_THE_PROGRAMME = Words(
    latin=(r"program\w*", r"schedule", r"prog", r"agenda", r"planning"),
    japanese=(r"予定", r"ぷろぐらむ", r"日程"),
)
STRONG_SWITCH = Words(
    latin=(
        r"passe\w*",
        r"change\w*",
        r"switch\w*",
        r"from now on",
        r"desormais",
        r"dorenavant",
        r"a partir de maintenant",
        r"langue",
        r"language",
    ),
    japanese=(r"変え", r"かえ", r"切り替", r"切替", r"きりかえ", r"言語", r"げんご"),
)


# What may stand beside a language's name in a request for it ("en anglais svp", "japanese
# please", « je préfère le japonais »); any other word ("le thème en japonais ?") asks for
# something in that language.
_BESIDE_A_LANGUAGE = frozenset(
    "en in le la l the je j i me moi prefere prefer please pls plz svp stp s il te vous plait "
    "merci thanks ok oui yes mode version only seulement "
    "de ni onegai onegaishimasu kudasai shite".split()  # romaji left as typed
)
_LANGUAGE_NAMES = re.compile(
    r"\b(?:francais|french|furansugo|anglais|english|eigo|japonais|japanese|nihongo)\b"
)


# "In English please, my French isn't good": a language asked for, with a reason after it.
_ASKED_IN = re.compile(
    r"^\W*(?:(?:in )?(?:english|french|japanese),? please"
    r"|please,? in (?:english|french|japanese))\b"
)


def _only_a_language(folded: str) -> bool:
    words = re.findall(r"[a-z]+", _LANGUAGE_NAMES.sub(" ", folded))
    return len(words) <= 6 and all(w in _BESIDE_A_LANGUAGE for w in words)


# "Change the language": a verb beside the word (« la langue de travail » asks, it does not).
STRONG_SWITCH_VERB = Words(
    latin=(r"passe\w*", r"change\w*", r"switch\w*", r"modifie\w*", r"set", r"choisi\w*"),
    japanese=(r"変え", r"かえ", r"切り替", r"切替", r"きりかえ", r"変更", r"設定"),
)


# The language to change to: 「日本語に」「英語へ」, "to English", « vers l'anglais ».
_LANGUAGE_BEFORE_NI = r"(?:英語|えいご|日本語|にほんご|ふらんす語|ふらんすご|仏語)"
# not 「フランス語になってしまって」「仏語ニ成ッテオル」: the language it became, complained about
_TARGET = re.compile(
    rf"{_LANGUAGE_BEFORE_NI}(?:に|へ)(?!つい|関|対|かん|たい|なっ|なり|なる|なれ|成)"
)
_TO = re.compile(r"\b(?:to|into|vers) (?:l')?$")
# "a friend from our French twin town": a language's name as an adjective, not asked for.
_OWNED = re.compile(r"\b(?:our|my|your|their|his|her|its|a|an|from|other)\s+$")
_NOUN_AFTER = re.compile(
    r"\s+(?:title|name|version|word|translation|text|delegation|delegate|side|guest|partner"
    r"|city|town|twin|friend|colleague|mayor|government|official|team|wording|spelling)s?\b"
)


def _language(forms: Forms, text: str) -> str | None:
    """The language asked for, when the message asks for one: a switch word, or just the
    language's name ("english please", 「日本語で」); the first one named that is not refused
    ("in English, not French")."""
    named: list[tuple[int, str]] = []
    targets: list[tuple[int, str]] = []
    for code, words in LANGUAGES.items():
        for found in words.finditer(forms):
            before = found.string[: found.start()]
            after = found.string[found.end() :]
            if NOT_THIS.search(before) or _OWNED.search(before) or _NOUN_AFTER.match(after):
                continue  # "not French", "our French twin town", "the Japanese title"
            named.append((found.start(), code))
            if _TARGET.match(found.string, found.start()) or _TO.search(before):
                targets.append((found.start(), code))
    if not named:
        return None
    # 「フランス語で返事が来るんだけど日本語にして」: the language to change to, not the one
    # complained about
    if targets and len({code for _, code in named}) > 1:
        named = targets
    named.sort()
    japanese = re.search(r"[ぁ-んァ-ン一-龯]", text) is not None  # not just any accent
    short = len(forms.kana) <= 12 if japanese else _only_a_language(forms.latin)
    short = short or (not japanese and _ASKED_IN.search(forms.latin) is not None)
    if not (SWITCH.search(forms) or short):
        return None  # "le thème en japonais ?" asks for a title, not for a language
    if ABOUT_THE_PROGRAMME.search(forms) and not STRONG_SWITCH.search(forms):
        return None
    return named[0][1]


# 「言語設定を英語に」: a setting changed to a language, not the settings page.
TO_A_LANGUAGE = Words(
    latin=(r"to (?:french|english|japanese)",),
    japanese=(r"(?:英語|えいご|日本語|にほんご|ふらんす語|ふらんすご)(?:に|へ|で)",),
)


async def understand(turn: Turn, text: str) -> list[Reply] | None:
    forms = Forms(text)
    settings = SETTINGS.search(forms) and not TO_A_LANGUAGE.search(forms)
    if settings or (HOW.search(forms) and not HELP_SHORT.search(forms)):
        # "my settings (language, reminders…)": the agenda's; "how do I change the
        # language?": the FAQ explains
        return None
    language = _language(forms, text)
    if language is not None:
        return await turn.run("lang", language)
    if LANGUAGE_WORD.search(forms) and STRONG_SWITCH_VERB.search(forms):
        return await turn.run("lang")
    if TOPICS.search(forms):
        return await turn.run("faq")
    if (
        HELP.search(forms)
        and not any(w.search(forms) for w in (REMINDERS, FOLLOW, AGENDA))
        and not asks_when_or_where(text)  # "help! where's the venue?": the question is asked
    ):
        return await turn.run("help")  # not "the reminders feature": the agenda's
    if WHAT_CAN_BE_DONE.search(forms) and not ABOUT_THE_CONFERENCE.search(forms):
        return await turn.run("help")
    return None
