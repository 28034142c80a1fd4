"""Recognising schedule questions in free text ("programme de demain", "環境分科会は何時から？").

Content questions ("de quoi parle l'atelier environnement ?") are deliberately not matched
here: they go to the FAQ. The split is by the question words: when, where, now, next, a day.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from rapidfuzz import fuzz, process

from handlers.core.conference import TrackInfo
from handlers.core.japanese import reading
from handlers.core.text import kana, latin


class IntentKind(enum.StrEnum):
    TRACK = "track"
    DAY = "day"
    NOW = "now"
    NEXT = "next"
    PROGRAMME = "programme"
    VENUE = "venue"
    WORKSHOPS = "workshops"


@dataclass(frozen=True)
class ScheduleIntent:
    kind: IntentKind
    day: date | None = None
    track: str | None = None


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# A day word in kana is a word of its own only at the start of the text or after a particle:
# 「かんきょう」 (environment) holds 「きょう」, 「きょういく」 is education, 「きのう」 a feature.
_KANA_START = r"(?:(?<![ぁ-ゖ])|(?<=[はのもがでにとへや]))"
_KANA_END = r"(?=[はのもにで、。？?！!]|$|\s)"

# Latin patterns run on accent-folded, casefolded text; Japanese ones on hiragana-folded text.
WHEN = _rx(
    r"\bquand\b",
    r"\bqd\b",  # SMS
    r"\ba quelle h\b",
    r"\bkick(?:s|ing)? off\b",
    r"\bquelle heure\b",
    r"\bheures?\b",
    r"\ba quelle heur\b",  # the French typo without its e
    r"\bhoraires?\b",
    r"\bcommencen?t?\b",
    r"\bdebut\b",
    r"\bquel jour\b",
    r"\bquel soir\b",  # « le dîner de bienvenue c'est quel soir ? »
    r"\bquelle date\b",
    r"\bwhen\b",
    r"\bwhat time\b",
    r"\b(?:start |starting )?(?:times?|timing)\s*[?？!]*\s*$",  # "opening ceremony time?"
    r"^(?:the |and )?(?:start |starting )?(?:times?|timings?) (?:for|of)\b",  # "times for the…"
    r"\bstarts?\b",
    r"\bbegins?\b",
    r"いつ",
    r"何時",
    r"なんじ",
    r"時間",
    r"開始",
    r"始ま",
    r"はじま",
    r"何日",
    r"何曜",
    r"終わ",
    r"なんじ",
    r"じかん",
    r"かいし",
    r"はじま",
    r"なんにち",
    r"what hour",
    r"at what time",
    r"\btime of\b",
    r"\ba quel moment\b",
    r"\bcombien de temps\b",
    r"\bduree\b",
    r"\bdure\b",
    r"\bjusqu'a quand\b",
    r"\bhow long\b",
    r"\buntil when\b",
    r"\b(?:ends?|finish(?:es)?)\b",
    r"\bfinit\b",
    r"\bse termine\b",
    r"何時まで",
    r"どのくらい",
    r"どれくらい",
    r"\bwhat day\b",
    r"(?:午前|午後|ごぜん|ごご|朝|夕方|夜)(?:から|の何時)",
)
WHERE = _rx(
    # "ou" (accents dropped) is "or" as often as "where": "where" only at the end of the
    # question, at its start, or after or before a verb of place ("c'est ou", "ou se trouve").
    r"\bou\s*[?？!]*\s*$",
    r"^(?:et )?ou\b(?! bien)",
    r"\b(?:c'est|c|est|sont|passe|lieu|trouve|sera|seront|va|vont|aller|ca) ou\b",
    # (not after a question: "…avant l'ONU ? ou c'est du marketing" offers another answer)
    r"(?<![?？] )\bou (?:est|sont|se|a lieu|ca|c'est|aura|auront|on|il|elle|je|aller|sera)\b",
    r"\bsalles?\b",
    r"\blieu\b",
    r"\bendroit\b",
    r"\badresse\b",
    r"\bse trouve\b",
    r"\bwhere\b",
    r"\brooms?\b",
    r"\blocation\b",
    r"\bvenue\b",
    r"どこ",
    r"会場",
    r"場所",
    r"部屋",
    r"何階",
    r"かいじょう",
    r"ばしょ",
    r"どこでやる",
    r"へや",
    r"\betages?\b",
    r"(?<!from the )\bfloors?\b",  # not "questions from the floor" (the audience)
    r"\bcomment (?:y |s'y )?(?:aller|on va|se rendre|je vais|venir)\b",
    r"\bhow (?:do i|do we|to|can i|can we) get (?:to|there)\b",
    r"\bacces\b",
    r"行き方",
    r"いきかた",
    r"アクセス",
    r"あくせす",
    r"なんかい(?!め)",
    r"建物",
    r"たてもの",
)
# The where-word itself (or an address), not a place noun ("venue", "room"): a day beside it
# does not make the venue question that day's programme.
_WHERE_WORD = re.compile(r"\bwhere(?:'s| is| are)?\b|\badress?e?\b|\baddress\b")
# "ou" alone is "or" in French: where-questions are recognised on the text with its accents.
WHERE_ACCENTED = re.compile(r"\boù\b")
NOW = _rx(
    r"\bmaintenant\b",
    r"\ben ce moment\b",
    r"\bactuellement\b",
    r"\ben cours\b",
    r"\bright now\b",
    r"\b(?:quoi|la) tout de suite\b",  # « ya quoi là tt de suite »
    r"\bnow\b",
    r"\bcurrently\b",
    r"\bhappening\b",
    r"\b(?:at the|this) moment\b",
    r"\bwhat(?:'s| is) going on\W*$",
    r"\bqu'est-ce qui se passe\b",
    r"\bque se passe-t-il\b",
    r"\bse passe quoi\b",
    r"\bil se passe quoi\b",
    # not 「今まで」, so far (「まて」 in the accent-folded form, which drops the dakuten)
    r"今(?![日年回度週月後朝晩夜]|ま[でて])",
    rf"{_KANA_START}いま(?!す|せ|し|ま[でて])",
    r"現在",
    r"ただいまの(?:時間|時刻)",
    r"進行中",
    r"げんざい",
    r"しんこうちゅう",
)
NEXT = _rx(
    r"\bensuite\b",
    r"\bprochaine?s?\b(?! fois)",  # « la prochaine fois » is some other time
    r"\bsuivante?s?\b",
    r"\bla suite\b",
    r"\b(?:quoi|y a|il y a|y a quoi|et|ensuite|juste) apres\b(?![ -]?(?:midi|demain))",
    r"^apres\b(?![ -]?(?:midi|demain))",
    r"\bapres (?:ca|cela|ceci|cette session|la pause)\b",
    r"\bquoi d'apres\b",  # « c'est quoi d'après ? »
    r"\bnext\b(?! time)",
    r"\bupcoming\b",
    r"\bcoming up\b",
    r"次(?!回|第|会(?!場|議|館))",
    r"つぎ",
    r"この後",
    r"このあと",
    r"これから",
    r"\bafter (?:this|that)(?: one)?\b",
    r"\bwhat comes\b",
    r"\bwhat'?s next\b",
)
# "urban planning", "city planning": a subject, not the French « planning » (the schedule).
_PLANNING_SUBJECT = "".join(
    f"(?<!{w} )" for w in ("urban", "city", "town", "spatial", "regional", "land", "land-use")
)
# 予定 and よてい are the programme, but not as the auxiliary after a verb (「扱われる予定」,
# 「来る予定」, 「行かない予定」: is planned to), nor in a change of plans (「予定が変わったら」);
# the accent-folded form reads が as か.
_PLANS = (
    r"(?<![うくすつぬむぶぐふるたい])(?:予定|よてい)"
    r"(?!(?:が|か|は|の)?(?:変わ|かわ|変更|へんこう|変え|かえ))"
)
PROGRAMME = _rx(
    r"\bprogramme\b",
    r"\bprogram\b",
    rf"{_PLANNING_SUBJECT}\bplanning\b",
    r"\bemploi du temps\b",
    r"\b(?:ce qui est|qu'est-ce qui est|qu'est ce qui est|quoi de|qu'y a-t-il de) prevu\b",
    r"\bschedule\b",
    r"\btimetable\b",
    _PLANS,
    r"ぷろぐらむ",
    r"すけじゅ[ーう]る",  # 'sukejuuru' in romaji
    r"日程",
    r"次第",
    r"にってい",
)
VENUE = _rx(
    # the place, not the verb "avoir lieu" ("à quelle heure cela aura-t-il lieu ?")
    r"(?<!\ba )(?<!\bont )(?<!\baura )(?<!\bauront )(?<!\bavoir )(?<!-il )(?<!-elle )\blieu\b",
    r"\bvenue\b",
    r"\bbuilding\b",
    r"\bbatiment\b",
    r"会場",
    r"場所",
    r"かいじょう",
    r"ばしょ",
    r"建物",
    r"たてもの",
    r"会議は",
    r"\bla conf(?:erence)?\b",
    r"\bthe conference\b",
    r"\bl'(?:event|evenement)\b",  # « c'est où l'event exactement ? »
    r"\bthe event\b",
    r"\bles rencontres?\b",
    r"\bthe rencontres\b",
    r"\bthe (?:whole|entire) (?:thing|event|conference)\b",  # where is the whole thing held?
    r"\b(?:is|are) (?:\w+ )?being held\b",
    r"\bcentre de congres\b",
    r"\b(?:congress|convention|conference) (?:center|centre|hall)\b",
    r"\ble (?:congres|colloque|sommet)\b",
    r"\b(?:le|the) meeting\b",  # « c ou le meeting »
)
# Questions about the series rather than this edition's sessions belong to the FAQ.
SERIES = _rx(
    r"\beditions?\b",
    r"\b(?:premiere|deuxieme|troisieme|quatrieme|cinquieme|sixieme|septieme|huitieme|neuvieme"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|\d{1,2}(?:e|eme|ere|re|er|st|nd|rd|th))s?"
    r" (?:rencontres?|meeting|edition)",
    r"第\d{1,2}回",
    r"第[一二三四五六七八九]回",
    r"\bcannes\b",
    r"\b9e\b",
    r"\bneuviemes?\b",
    r"\bprochaines rencontres\b",
    # after this edition, where do we meet again: the next one
    r"\bapres shizuoka\b",
    r"\bon se (?:retrouve|reverra|revoit|retrouvera) ou\b",
    r"\bprochaine (?:edition|rencontre)s?\b",
    r"\bnext (?:rencontres|meeting|edition|one in)\b",
    r"\b(?:previous|last) (?:rencontres|meeting|edition)\b",
    r"\b(?:precedente|derniere) (?:edition|rencontre)s?\b",
    r"\b(?:editions?|rencontres?) (?:precedente|derniere|passee|prochaine|suivante)s?\b",
    r"\b(?:editions?|rencontres?|meeting) (?:before|after) (?:this|that)\b",
    r"次回",
    r"(?<!二)次会(?!場|議|館)",  # 次回 typed with the IME's other じかい (not 二次会, 次の会場)
    r"じかい",
    r"前回",
    r"ぜんかい",
    r"(?:前|次|つぎ|まえ)の(?:会議|かいぎ|大会|開催|回)",
    r"第9回",
    r"カンヌ",
    r"かんぬ",
    # this edition is in Shizuoka: a place in France or "in Japan" is another edition's
    r"\b(?:en|in) france\b",
    r"\bau japon\b",
    r"\bce sera ou\b",
    r"\bwhere will (?:the )?next\b",
    r"\bnext one (?:be|take place|be held)\b",
    # "where was the last one?", "the last one was in Aix, right?": in the past tense, the last
    # one is the previous edition (the sessions' last one is asked in the present or future)
    r"\b(?:was|were|did|happened) (?:\w+ )?the (?:last|previous) (?:one|time)\b",
    r"\bthe (?:last|previous) (?:one|time)\b (?:\w+ )?(?:was|were|did|happened|took place)\b",
    r"\bla prochaine,? (?:ce sera|sera|aura lieu)\b",
    # « et la prochaine, c'est où ? »: "la prochaine" with no noun, asked where, is the next
    # edition (a session is « la prochaine séance », « le prochain atelier »)
    r"\bla prochaine,? (?:c'est |c est |ses |ces |ce sera |sera |se passe |se tiendra )?ou\b\W*$",
    r"(?:ふらんす|フランス)で(?:やる|開催|ある)",
    r"(?:次|つぎ)(?:は|の)(?:ふらんす|フランス|日本|にほん)",  # the next edition's country
)
# What a session is like rather than when or where: what to wear, the slides afterwards.
ABOUT_A_SESSION = _rx(
    r"\bdress ?code\b",
    r"\btenue\b",
    r"\bs'habiller\b",
    r"\bwhat (?:to|should i) wear\b",
    r"\bslides?\b",
    r"\bdiapos?\b",
    r"\bsupports? de presentation\b",
    r"服装",
    r"ふくそう",
    r"ドレスコード",
    r"どれすこーど",
    # where to find or read something, not where a session is
    r"\bwhere (?:can|do|could) (?:i|we) (?:find|see|read|download|get)\b",
    r"\b(?:c'est |est-ce )?indique\w* ou\b",
    r"\bou (?:peut-on |puis-je |on peut |je peux )?(?:trouver|lire|voir|telecharger)\b",
    r"\btelecharg\w*|\bdownload\w*",
    r"どこで(?:分か|わか|確認|見られ|みられ|見れ|みれ|読め|よめ|読む|手に入|入手)",
    r"どこ(?:を|で)?(?:見れ|みれ|見たら|みたら|見る|みる)(?:ば|と|の)",  # 「どこ見ればわかる」
    # where to get, buy, pay or sign up for something: not where a session takes place
    r"どこ(?:で|から|に)(?:もら|貰|受け取|受取|うけと|買|かえ|かう|払|はら|申し込|申込|もうしこ"
    r"|登録|とうろく|借り|かり|預け|あずけ)",
    r"スライド",
    r"すらいど",
    r"資料",
    # where the visits go is what they are (their sites), not where a session takes place
    r"(?:視察|しさつ|見学|けんがく).{0,12}どこ(?:へ|に|を)?(?:行|い[くきっ]|回|まわ|訪|たず|見)",
    r"(?:視察|しさつ)先",
    # what a session is, in Japanese: 「静岡宣言とは」, 「どのような位置づけ」
    r"とは(?!いつ|どこ|何時|なんじ)",
    r"(?:どのような|どういう|どんな)(?:位置づけ|位置付け|意味|趣旨|目的|ねらい|狙い|内容|もの)",
    r"位置づけ|位置付け|趣旨|意義",
    # what the visits were, which sites they showed: what they are, not where one session is
    r"\bvisites?\b.{0,80}\b(?:quel(?:le)?s? (?:endroits|sites|lieux)"
    r"|c'(?:est|etait) quoi au juste)",
    r"\b(?:visits?|visites?)\b.{0,80}\b(?:(?:which|what) (?:places|sites|locations|towns|cities)"
    r"|go(?:es)? (?:to )?(?:which|what)\b)",
)
# 「静岡宣言ってなに？最終日のやつ？」: what it is, whatever day it names, unless when or where is
# asked too, or what is on now, next or in the programme (「このあとの予定って何だっけ」,
# 「明日の予定ってなに？」).
WHAT_IT_IS = _rx(
    r"って(?:なに|なん|何)(?=[?。!、\s]|$|です|でしょ|だっけ|なの)",
)

# "Which workshop for…": a content question, whatever time or place words it has.
WORKSHOP_CHOICE = _rx(
    r"\bquel atelier\b",
    r"\bdans quel\b",
    r"\bwhich workshop\b",
    r"\bwhere does (?:it|this|that) fit\b",
    r"\brelev\w+ de\b",
    r"(?:どの|どこの|なんの|何の)(?:分科会|ぶんかかい)",
    r"何分科会",
    r"なに分科会",
    r"紹介したい",
    r"発表",
    r"どこに入",
    # where a subject can be raised: 「海の経済の話ってどこで出せる？」
    r"どこで(?:出せ|だせ|話せ|はなせ|話すのが|はなすのが|持ち込|もちこ|取り上げ|とりあげ)",
    r"\bou (?:est-ce qu'on |on |peut-on |je |nous )?(?:le |la |les |l')?"
    r"(?:met|mettre|place|classe|present)\w*",
    r"\b(?:on|je|nous|ca se|se) (?:le |la |les |l')?(?:met|place|classe|present)\w* ou\b",
    r"\bwhere (?:do|should|can) (?:we|i) (?:present|put|place)\b",
    # where a subject lands in the programme: "where in the program would that go?"
    r"\bwhere (?:in|on) (?:the |this |this week's |today's |your )?"
    r"(?:program|programme|schedule)\b",
)
# "Économie ou environnement ?", 「経済か環境か」: which workshop, whatever else is asked. Tracks
# are found later; two of them around "ou"/"or"/「か」 make a choice.
BETWEEN_TRACKS = _rx(
    r"\b(?:eco\w*|societe|social\w*|environ\w*|economy|society|environment\w*|env)"
    r" (?:ou|or|ou bien|or rather) (?:l'atelier |the |le |la )?"
    r"(?:eco\w*|societe|social\w*|environ\w*|economy|society|environment\w*|env)\b",
    r"(?:経済|社会|環境|けいざい|しゃかい|かんきょう)(?:分科会)?(?:か|なのか|それとも|or)"
    r"(?:経済|社会|環境|けいざい|しゃかい|かんきょう)",
)
# "Why…" asks about content, whatever time words it has ("pourquoi … en ce moment ?").
WHY = _rx(
    r"^pourquoi\b",
    r"[,:;] pourquoi\b",  # « Dans le schéma de Rockström, pourquoi… »
    r"\bje me demande\w* pourquoi\b",
    r"^why\b",
    r"^なぜ",
    r"^どうして",
    r"^何で",
    r"^なんで(?!も)",
    r"^nande\b",
)
# All the workshops at once ("horaires des ateliers", 「分科会の一覧」).
ALL_WORKSHOPS = _rx(
    r"\b(?:les|des|tous les|the|all) (?:ateliers|workshops|bunkakai)\b",
    r"\b(?:les|des|tous les) atelier\b",  # « les atelié cé kan », put right one letter short
    r"\b(?:3|trois|three) (?:ateliers?|workshops?|bunkakai)\b",  # "the three workshop what time"
    r"\bliste des ateliers\b",
    r"\blist of (?:the )?workshops\b",
    r"\b(?:which|what) workshops\b",
    r"\bquels ateliers\b",
    r"分科会の?(?:一覧|いちらん|りすと|時間割|じかんわり)",
    r"分科会.{0,8}(?:一覧|いちらん)",  # memo style: 「分科会　時間・部屋　一覧」
    r"(?:3つ|三つ|全部|すべて|ぜんぶ)(?:とも|の)?.{0,6}分科会",
    r"分科会.{0,6}(?:3つ|三つ|全部|すべて)",
    r"わ[ーあ]くしょっぷ",
    r"^(?:分科会|ぶんかかい)(?:って|は|の)",
    r"(?:どんな|どういう|どの|何の|なんの)(?:分科会|ぶんかかい)",
    # each of them: 「分科会どれがどこ」「それぞれの分科会」「各分科会」
    r"(?:分科会|ぶんかかい)(?:は|って|が|の)?(?:どれ|それぞれ|各)",
    r"(?:それぞれの|各)(?:分科会|ぶんかかい)",
    # 「分科会何時から？」「明日の分科会は何時から何時まで？」: the workshops, none named (not
    # 「経済分科会」「第1分科会」「環境の分科会」, nor the reports, 「分科会報告」)
    r"(?:^|明日の|あしたの|あすの|\s|、|。)(?:分科会|ぶんかかい)(?!報告|ほうこく)(?:って|は|の|、)?"
    r"(?:何時|なんじ|いつ|どこ|場所|ばしょ)",
)
LIST = _rx(
    r"\bliste\b",
    # "montre les ateliers", « affiche-moi les ateliers »: show me the list
    r"\bmontre[sz]?\b",
    r"\baffiche[sz]?\b",
    r"\blist\b",
    r"一覧",
    r"いちらん",
    r"りすと",
    r"\bwhich\b",
    r"\bquels\b",
    r"\blesquel(?:le)?s\b",
    r"(?:何|なに|なん)が(?:ある|あり)",
    r"どんな",
    r"どういう",
    r"どの(?!くらい|ぐらい|へん|辺)",
)

RELATIVE_DAYS: tuple[tuple[re.Pattern[str], int], ...] = (
    (
        _rx(
            r"\bapres[ -]?demain\b",
            r"\bday after tomorrow\b",
            r"明後日",
            rf"{_KANA_START}あさって",
            r"\basatte\b",
        ),
        2,
    ),
    (
        _rx(
            r"\bdemain\b",
            r"\btomorrow\b",
            r"明日",
            rf"{_KANA_START}あした",
            rf"{_KANA_START}あす{_KANA_END}",
            r"\bashita\b",
        ),
        1,
    ),
    (
        _rx(
            r"\baujourd'?hui\b",
            r"\btoday\b",
            r"\bce jour\b",
            r"\bcet? (?:apres-midi|apres midi|matin|soir)\b",
            r"\bthis (?:afternoon|morning|evening)\b",
            r"\btonight\b",
            r"今夜",
            r"今晩",
            r"今朝",
            r"今日",
            rf"{_KANA_START}きょう(?![かつみいどぎしりざゆせじ])",
            r"本日",
            r"\bkyou?\b",
        ),
        0,
    ),
    (
        _rx(
            r"\bhier\b",
            r"\byesterday\b",
            r"昨日",
            rf"{_KANA_START}きのう{_KANA_END}",
            r"\bkinou\b",
        ),
        -1,
    ),
)
# "du 18 au 21", 「18日から21日」: the Rencontres' dates, not one day's programme.
_KANJI = re.compile(r"[\u4e00-\u9fff]")
_DAY_RANGE = re.compile(
    r"(?<!\d)\d{1,2}\s*(?:日|er)?\s*(?:から|〜|~|-|–|au|to|till|until|through)\s*(?:le )?"
    r"\d{1,2}(?!\d)"
)
MONTHS = {
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "janvier",
                "fevrier",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "aout",
                "septembre",
                "octobre",
                "novembre",
                "decembre",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        )
    },
    "fev": 2,
    "janv": 1,
    "avr": 4,
    "juil": 7,
    "sept": 9,
}
WEEKDAYS = {
    **{
        d: i
        for i, d in enumerate(
            ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        )
    },
    **{
        d: i
        for i, d in enumerate(
            ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        )
    },
    **{d + "曜": i for i, d in enumerate("月火水木金土日")},
    **{"(" + d + ")": i for i, d in enumerate("月火水木金土日")},
}
_LATIN_WEEKDAY = "|".join(d for d in WEEKDAYS if d.isascii())
# « jeudi ou vendredi ? », "Thursday or Friday?": which day something is, not one day's programme.
_DAY_CHOICE = re.compile(
    rf"\b(?:{_LATIN_WEEKDAY})\b\s*,?\s*(?:ou bien|ou|or) (?:le |on |alors )?(?:{_LATIN_WEEKDAY})\b"
)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# 「十八日」「二十日」「二十一日」 (and 「はつか」, the twentieth): the day in kanji numerals.
_KANJI_DAY = re.compile(r"([一二三]?)十([一二三四五六七八九]?)日|はつか")
_KANJI_DIGIT = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


def _kanji_day(match: re.Match[str]) -> str:
    if match[0] == "はつか":
        return "20日"
    return f"{_KANJI_DIGIT.get(match[1], 1) * 10 + _KANJI_DIGIT.get(match[2], 0)}日"


_JA_DATE = re.compile(r"(?:(\d{1,2})月)?(\d{1,2})日(?!目)")
_NTH_DAY = re.compile(r"(?:\bjour (\d)\b|\bday (\d)\b|(\d)日目)")
# The first and the last day of the programme, by those words.
_FIRST_DAY = re.compile(r"\b(?:premier jour|1er jour|first day|opening day)\b|初日|しょにち")
_LAST_DAY = re.compile(
    r"\b(?:dernier jour|derniere journee|last day|final day|closing day)\b"
    r"|最終日|さいしゅうび|最後の日|さいごのひ"
)
_SLASH = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})(?!\d)")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:er)? ([a-z]{3,9})\.?")
_MONTH_DAY = re.compile(r"\b([a-z]{3,9})\.? (\d{1,2})\b")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_day(text: str, today: date, programme_days: Sequence[date]) -> date | None:
    """A day named in the text, relative to `today` (venue time), or None."""
    folded, hira = latin(text), kana(text)
    year = programme_days[0].year if programme_days else today.year
    month = programme_days[0].month if programme_days else today.month
    for pattern, offset in RELATIVE_DAYS:
        if pattern.search(folded) or pattern.search(hira):
            return today + timedelta(days=offset)
    if match := _ISO.search(folded):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if programme_days and (_FIRST_DAY.search(folded) or _FIRST_DAY.search(hira)):
        return programme_days[0]
    if programme_days and (_LAST_DAY.search(folded) or _LAST_DAY.search(hira)):
        return programme_days[-1]
    if match := _NTH_DAY.search(folded):
        index = int(next(g for g in match.groups() if g)) - 1
        return programme_days[index] if 0 <= index < len(programme_days) else None
    if match := _JA_DATE.search(_KANJI_DAY.sub(_kanji_day, folded)):
        return _safe_date(year, int(match[1] or month), int(match[2]))
    if (match := _DAY_MONTH.search(folded)) and match[2] in MONTHS:
        return _safe_date(year, MONTHS[match[2]], int(match[1]))
    if (match := _MONTH_DAY.search(folded)) and match[1] in MONTHS:
        return _safe_date(year, MONTHS[match[1]], int(match[2]))
    if match := _SLASH.search(folded):
        first, second = int(match[1]), int(match[2])
        # 20/11 (French) or 11/20 (Japanese, English): the one that is a valid month wins.
        day, mon = (first, second) if second <= 12 and first > 12 else (second, first)
        if first <= 12 and second <= 12:
            day, mon = (second, first) if re.search(r"[ぁ-ん一-龯]", hira) else (first, second)
        return _safe_date(year, mon, day)
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"\b{re.escape(name)}\b" if name.isascii() else re.escape(name), folded):
            for programme_day in programme_days:
                if programme_day.weekday() == weekday:
                    return programme_day
            return today + timedelta(days=(weekday - today.weekday()) % 7)
    if match := re.search(r"\ble (\d{1,2})\b", folded):
        return _safe_date(year, month, int(match[1]))
    if match := re.search(r"\b(?:du|on the|for the) (\d{1,2})(?:er|st|nd|rd|th)?\b", folded):
        named = _safe_date(year, month, int(match[1]))  # « le programme du 21 »: one of its days
        if named in programme_days:
            return named
    if match := re.fullmatch(r"\s*(\d{1,2})\s*", folded):  # "/programme 21": a day of the month
        return _safe_date(year, month, int(match[1]))
    return None


@lru_cache(maxsize=4096)
def _keyword_forms(word: str) -> tuple[str, str, str]:
    """The keyword folded, in kana, and its reading when it is Japanese of three characters or
    more (「歓迎交流会」 → 「かんげいこうりゅうかい」, as typed in kana only); shorter ones
    read too loosely (「宣言」 is also the 「せんげん」 of Sengen)."""
    w_kana = kana(word)
    w_reading = reading(word) if not word.isascii() and len(word) >= 3 else ""
    return latin(word), w_kana, w_reading if w_reading != w_kana else ""


def find_track(text: str, tracks: Sequence[TrackInfo]) -> str | None:
    """The track the text names; the longest keyword wins ("atelier environnement")."""
    found = _tracks_found(text, tracks)
    return max(found, key=lambda code: found[code]) if found else None


def tracks_named(text: str, tracks: Sequence[TrackInfo]) -> frozenset[str]:
    """Every track the text names ("l'atelier éco ou environnement ?" names two)."""
    return frozenset(_tracks_found(text, tracks))


@dataclass(frozen=True)
class _TrackWords:
    """Every track keyword ready to search: one pattern for the Latin ones (longest first),
    the long ones for typos, the Japanese ones with their readings."""

    latin: re.Pattern[str] | None
    latin_track: dict[str, tuple[str, int]]  # folded keyword -> track, keyword length
    long: tuple[str, ...]  # Latin keywords of one word, seven letters or more
    japanese: tuple[tuple[str, str, str, int], ...]  # kana, reading, track, keyword length


_TRACK_WORDS: dict[int, tuple[Sequence[TrackInfo], _TrackWords]] = {}


def _track_words(tracks: Sequence[TrackInfo]) -> _TrackWords:
    cached = _TRACK_WORDS.get(id(tracks))
    if cached is not None and cached[0] is tracks:
        return cached[1]
    latin_track: dict[str, tuple[str, int]] = {}
    japanese: list[tuple[str, str, str, int]] = []
    for track in tracks:
        for keywords in track.keywords.values():
            for word in keywords:
                w_latin, w_kana, w_reading = _keyword_forms(word)
                if w_latin.isascii():
                    if len(word) > latin_track.get(w_latin, ("", 0))[1]:
                        latin_track[w_latin] = (track.code, len(word))
                else:
                    japanese.append((w_kana, w_reading, track.code, len(word)))
    ordered = sorted(latin_track, key=len, reverse=True)
    pattern = (
        re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b") if ordered else None
    )
    long = tuple(w for w in ordered if len(w) >= 7 and " " not in w)
    found = _TrackWords(pattern, latin_track, long, tuple(japanese))
    _TRACK_WORDS[id(tracks)] = (tracks, found)
    return found


def _search_tracks(text: str, tracks: Sequence[TrackInfo]) -> dict[str, int]:
    folded, hira = latin(text), kana(text)
    known = _track_words(tracks)
    best: dict[str, int] = {}

    def found(code: str, size: int) -> None:
        if size > best.get(code, 0):
            best[code] = size

    if known.latin is not None:
        for match in known.latin.finditer(folded):
            found(*known.latin_track[match[0]])
    for word in folded.split():
        if len(word) >= 6 and word not in known.latin_track:
            # one typo in a long word: "environement", "envrionnement"
            near = process.extractOne(word, known.long, scorer=fuzz.ratio, score_cutoff=85)
            if near is not None:
                found(*known.latin_track[near[0]])
    if known.japanese and not folded.isascii():
        # 「日仏自治体交流会議」 is the Rencontres, not the 交流会 (the reception)
        hira = hira.replace("交流会議", "会議").replace("こうりゅうかいぎ", "かいぎ")
        # The text's own reading catches a wrong kanji of the same sound (「閉回式」).
        read = reading(text) if _KANJI.search(text) else ""
        read = read.replace("こうりゅうかいぎ", "かいぎ")
        for w_kana, w_reading, code, size in known.japanese:
            if w_kana in hira or (w_reading and (w_reading in hira or w_reading in read)):
                found(code, size)
    return best


# The tracks found in the last texts: one turn asks several times (the agenda's, the schedule's
# and the session names' understanders), and each search tries every keyword of every track.
_FOUND: dict[tuple[str, int], dict[str, int]] = {}


def _tracks_found(text: str, tracks: Sequence[TrackInfo]) -> dict[str, int]:
    key = (text, id(tracks))
    if key not in _FOUND:
        if len(_FOUND) > 4096:
            _FOUND.clear()
        _FOUND[key] = _search_tracks(text, tracks)
    return _FOUND[key]


# A Japanese sentence that gives a reason (「資料を準備したいもので。」, 「帰りの新幹線を予約
# したいので。」) is the context of the question beside it, not a question: its words (資料,
# 新幹線) say nothing of what is asked.
_JA_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?\n]*")
# (「何時から。」 asks from when: a reason's 「から」 follows a verb or a copula)
_JA_REASON = re.compile(r"(?:ので|んで|(?:だ|です|ます|た|い)から|ため(?:です)?)[。!！\s]*$")


# A second question tacked on (「何時から？あとドレスコードってあります？」): the first is the
# one asked about the programme; the second, whatever it is, does not make the first another.
_JA_AFTERTHOUGHT = re.compile(
    r"^\s*(?:あと|それと|それから|ついでに|ちなみに|もう(?:一|ひと)つ|また)(?:[、,]|(?![でにはもの]))"
)


# 「〜しないと分からないですよね？」: not knowing, in a negative seeking agreement, asks how one
# is told (will the bot say?), not for the programme its words name.
_NEGATIVE_CONFIRMATION = re.compile(
    r"(?:わから|分から|しら|知ら|きづか|気づか|気付か)(?:ない|ないん|ないの|ず)(?:です|だ|でしょう)?"
    r"(?:よね|ですよね|でしょうか|か)[?？!！。]*$"
)


def question_part(text: str) -> str:
    """The text without its Japanese sentences of reason, nor the second questions tacked on
    after the first, when another sentence is left."""
    if not _KANJI.search(text) and not re.search(r"[ぁ-ゖ]", text):
        return text
    sentences = _JA_SENTENCE.findall(text)
    kept = [
        s
        for n, s in enumerate(sentences)
        if not _JA_REASON.search(s.strip()) and not (n and _JA_AFTERTHOUGHT.match(s))
    ]
    return "".join(kept) if kept and len(kept) < len(sentences) else text


_LATIN_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def _the_question(text: str) -> str | None:
    """Of a Latin text of several sentences, the question asked: the last sentence when it is
    one, else the only one that is ("Quel est le programme d'aujourd'hui ? Nous avons des
    visites je crois")."""
    if not text.isascii() and (_KANJI.search(text) or re.search(r"[ぁ-ゖァ-ヺ]", text)):
        return None
    sentences: list[str] = [s.strip() for s in _LATIN_SENTENCE.findall(text) if s.strip()]
    if len(sentences) < 2:
        return None
    if sentences[-1].endswith("?"):
        return sentences[-1]
    asked = [s for s in sentences if s.endswith("?")]
    return asked[0] if len(asked) == 1 else None


# What something comes after: « après la visite », "after the plenary", 「視察の後」.
_AFTER = re.compile(r"\b(?:apres|after)\b[^?.!,;]*|[^、。？?]*(?:の後|のあと)")


def parse(
    text: str, tracks: Sequence[TrackInfo], today: date, programme_days: Sequence[date]
) -> ScheduleIntent | None:
    text = question_part(text)
    folded, hira = latin(text), kana(text)
    accented = text.casefold()

    def has(pattern: re.Pattern[str]) -> bool:
        return bool(pattern.search(folded) or pattern.search(hira))

    asks = _asks(folded, hira, accented)
    if asks is None or has(WHY):
        return None
    asks_when, asks_where = asks
    if _DAY_RANGE.search(folded):
        return None  # the dates of the Rencontres: the FAQ's
    if has(ALL_WORKSHOPS) and (asks_when or asks_where or has(LIST)):
        return ScheduleIntent(IntentKind.WORKSHOPS)
    last = _the_question(text)
    if last is not None and asks_a_days_programme(last) and find_track(last, tracks) is None:
        # "…les visites d'hier… Pourriez-vous me rappeler ce qui est prévu aujourd'hui ?": the
        # question asked last is a day's programme, whatever the context names before it
        return ScheduleIntent(IntentKind.DAY, day=parse_day(last, today, programme_days))
    if asks_a_days_programme(text) and len(tracks_named(text, tracks)) > 1:
        # « Programme de jeudi svp (table ronde, clôture, déclaration) »: the day, which holds
        # the sessions listed
        return ScheduleIntent(IntentKind.DAY, day=parse_day(text, today, programme_days))
    track = find_track(text, tracks)
    if _DAY_CHOICE.search(folded):
        asks_when, day = True, None  # "jeudi ou vendredi ?": which day, the question of when
    else:
        day = parse_day(text, today, programme_days)
    if has(NOW) and (day is None or day == today):  # 「今日…いまなにやってる？」: now
        return ScheduleIntent(IntentKind.NOW, track=track)
    # « la suite ce matin »; « qu'est-ce qui vient ensuite, après la visite de ce matin ? »:
    # what follows the session named, not the next of its kind
    named = find_track(_AFTER.sub("", folded), tracks) if track else None
    if has(NEXT) and (day is None or day == today) and not named:
        return ScheduleIntent(IntentKind.NEXT)
    if track and (asks_when or asks_where or day or has(NEXT)):
        return ScheduleIntent(IntentKind.TRACK, day=day, track=track)
    if (
        asks_where
        and has(VENUE)
        and (_WHERE_WORD.search(folded) or WHERE_ACCENTED.search(accented))
    ):
        # "where is the whole thing held? … the wrong place tomorrow", « c'est où le congrès
        # demain ? », « l'adresse du lieu demain ? »: the venue, whatever day
        return ScheduleIntent(IntentKind.VENUE)
    if day is not None:
        return ScheduleIntent(IntentKind.DAY, day=day)
    if has(PROGRAMME) and not _NEGATIVE_CONFIRMATION.search(hira):
        return ScheduleIntent(IntentKind.PROGRAMME)
    if asks_where and has(VENUE):
        return ScheduleIntent(IntentKind.VENUE)
    return None


# The understanders ask this of the same sentences several times a turn (off-topic, agenda,
# schedule): a long message's dozen large patterns are read once.
@lru_cache(maxsize=4096)
def _asks(folded: str, hira: str, accented: str) -> tuple[bool, bool] | None:
    """Whether the text asks when, and where; None for a question about the series or about
    which workshop fits (content questions, whatever time or place words they have)."""

    def has(pattern: re.Pattern[str]) -> bool:
        return bool(pattern.search(folded) or pattern.search(hira))

    if has(SERIES) or has(WORKSHOP_CHOICE) or has(BETWEEN_TRACKS) or has(ABOUT_A_SESSION):
        return None
    asks_when, asks_where = has(WHEN), has(WHERE) or bool(WHERE_ACCENTED.search(accented))
    if has(WHAT_IT_IS) and not (asks_when or asks_where or has(NOW) or has(NEXT) or has(PROGRAMME)):
        return None
    return asks_when, asks_where


@lru_cache(maxsize=4096)
def asks_when_or_where(text: str) -> bool:
    """Whether the text asks when or where, whatever it is about."""
    text = question_part(text)
    folded, hira = latin(text), kana(text)
    if WHY.search(folded) or WHY.search(hira):
        return False  # "…, pourquoi la biosphère se trouve en bas ?": content, not a place
    asks = _asks(folded, hira, text.casefold())
    return asks is not None and any(asks)


def asks_when(text: str) -> bool:
    """Whether the text asks when (a time, a day), whatever it is about."""
    text = question_part(text)
    asks = _asks(latin(text), kana(text), text.casefold())
    return asks is not None and asks[0]


def asks_what_is_on_now(text: str) -> bool:
    """« Qu'est-ce qui se passe en ce moment ? », "what's on right now?", 「今何やってる？」."""
    return bool(NOW.search(latin(text)) or NOW.search(kana(text)))


def asks_a_days_programme(text: str) -> bool:
    """« Qu'est-ce qui est prévu aujourd'hui ? », "tomorrow's programme": a day's programme."""
    folded, hira = latin(text), kana(text)
    if not (PROGRAMME.search(folded) or PROGRAMME.search(hira)):
        return False
    relative = any(p.search(folded) or p.search(hira) for p, _ in RELATIVE_DAYS)
    return relative or bool(re.search(rf"\b(?:{_LATIN_WEEKDAY})\b", folded))


def choosing_workshop(text: str) -> bool:
    """'Dans quel atelier…', 'où on le met ?', 「どの分科会」: a content question."""
    return bool(WORKSHOP_CHOICE.search(latin(text)) or WORKSHOP_CHOICE.search(kana(text)))
