"""Messages about something else than the Rencontres (the weather, taxis, restaurants…) are
declined politely, before a day word in them ("quel temps demain ?") could be taken for a
schedule question. They are not kept for the organisers: nothing is claimed to be passed on."""

from __future__ import annotations

import re

from db.models import UnansweredReason
from handlers.agenda.understand import ADD, AGENDA, REMINDERS, REMOVE, sentences
from handlers.core.messages import Reply, ReplyKind
from handlers.core.text import kana, latin
from handlers.core.turn import Turn
from handlers.core.understanding import Outcome
from handlers.core.words import Forms, Words
from handlers.faq.commands import keep_question
from handlers.schedule.commands import programme_of
from handlers.schedule.intents import (
    VENUE,
    WHERE_ACCENTED,
    asks_a_days_programme,
    asks_what_is_on_now,
    asks_when_or_where,
    choosing_workshop,
    find_track,
)
from handlers.schedule.names import named_sessions

SUBJECTS = Words(
    latin=(
        # the weather
        r"meteo",
        r"quel temps",
        r"(?:beau|mauvais) temps",
        r"il fait (?:froid|chaud|beau)",
        r"pleu\w*",
        r"pluie(?<!eaux de pluie)(?<!eau de pluie)",  # rainwater collected is a water project
        r"parapluie",
        r"neige\w*",
        r"temperatures?",
        r"weather",
        r"wether",  # a real word (a ram), which no typo table corrects
        r"museums?",
        r"musees?",
        r"rain\w*",
        r"umbrella",
        r"forecast",
        r"typhoon|typhon",
        r"nuageux|nuages|cloudy|clouds?|sunny|ensoleille",
        r"froid dehors|cold outside",
        # the weather felt: « trop froid », "so cold today", « ça caille »
        r"(?:il fait|ca fait|c'est|j'ai|on a|qu'il fait) (?:tellement |trop |tres |super "
        r"|vachement |si )?(?:froid|chaud)",
        r"(?:quel|ce|un de ces) (?:froid|chaud)\b(?! \w)",
        r"(?:so|very|too|really|freezing|it's|its|it is) (?:cold|hot|chilly|warm)",
        r"freezing|(?:ca|il|on) caille|on se gele|on gele|on crev\w* de (?:froid|chaud)",
        r"il fait (?:frais|doux|lourd)",
        r"(?:fera|fait|va faire|faisait)(?:-t-il|-il)? (?:beau|froid|chaud|mauvais|doux|frais)",
        r"(?:combien de|how many) (?:degres|degrees)",
        r"\d+ ?(?:degres|degrees)",
        r"doudounes?|down jackets?",  # dressing for the cold, not a dress code
        # eating and drinking out
        r"restos?",
        r"restaurants?",
        r"izakaya",
        r"ramen",
        r"sushis?",
        r"bars?",
        r"bieres?|beers?",
        r"ou manger",
        r"on mange (?:ou|quoi)|(?:ou|quoi) (?:on )?mange|bouffer",
        r"where to eat",
        r"something to eat",
        r"cafes? (?:pres|near)",
        # the local food to try: « la spécialité culinaire à goûter », "Shizuoka oden"
        r"specialites? (?:culinaires?|gastronomiques?)|plats? (?:typiques?|locaux|du coin)",
        r"(?:a |to )?(?:gouter|deguster)|what (?:to|should (?:i|we)) eat|(?:dish(?:es)?|food)"
        r" to try|must[- ]try|local (?:dish(?:es)?|specialit(?:y|ies))",
        r"oden|unagi|anguilles?|eel|gyozas?|soba|udon|tempura|yakitori|okonomiyaki|sashimi"
        r"|tonkatsu",
        # getting around and staying
        r"taxis?",
        r"uber",
        r"shinkan?sen",
        r"trains?",
        r"gare",
        # the railway station, not « une station d'épuration », « la station de ski »
        r"(?:the|a|train|bus|railway|shizuoka|nearest) stations?(?! d'| de)",
        r"aeroport|airport",
        r"metro|subway",
        r"hotels?",
        r"check[- ]?out",
        # money, the network, health, shopping, sightseeing
        r"taux de change|exchange rate",
        r"change (?:des )?euros?",
        r"(?:exchange|change) (?:some |my )?(?:money|currency|euros?|yens?|dollars?)",
        r"(?:changer|echanger) (?:de l'|des |mes )?(?:argent|euros?|yens?|devises?)",
        r"bureau de change|currency exchange|money changer",
        r"distributeur|atm|retirer de l'argent|cash",
        r"wifi|wi-fi",
        r"mot de passe|password",
        r"pharmacies?|pharmacy",
        r"hopital|hospital|medecin|doctor",
        r"souvenirs?",
        r"shopping|magasins?",
        r"quelle heure est-il|what time is it|heure (?:a|en) (?:paris|france)",
        r"(?:on peut|a) visiter (?:a|en|dans) (?:la ville|shizuoka|ville)",
        r"sightseeing",
        r"tourist (?:spots?|attractions?)",
        r"mt\.? fuji|mont fuji|mount fuji|fuji[- ]?(?:san|yama)",
        # small talk, jokes, sport, customs
        r"blagues?|jokes?|devinette",
        r"chante\w*|sing (?:me )?a song",
        r"comment (?:tu vas|vas-tu|allez-vous)|how are you",
        r"tu es (?:un robot|humain|qui)|are you (?:a robot|human)",
        r"(?:le |the )?(?:score|resultat|result)s? (?:du|de la|of the) (?:match|game)",
        r"match (?:de |du |d')?(?:foot|rugby|baseball)|who won|qui a gagne|psg|ligue 1|j-league",
        r"pourboires?|tips? (?:in|au) japan|tipping",
        r"(?:yens?|euros?) (?:en|in|to) (?:yens?|euros?)",
        # the rate of a currency, said any way: « taux euro yen », "eur/jpy", « cours du yen »
        r"(?:taux|cours|rate|valeur|value)(?: de change)? (?:de l'|du |des |of the |of )?"
        r"(?:euros?|yens?|dollars?|eur|jpy)",
        r"(?:euros?|eur|yens?|jpy|dollars?|usd) ?[/-]? ?(?:euros?|eur|yens?|jpy|dollars?|usd)"
        r"(?! (?:workshop|atelier))",
        r"(?:combien|how much) (?:vaut|valent|is|are|coute|fait) (?:un|1|one|the|le|l') ?"
        r"(?:euros?|yens?|dollars?)",
        r"(?:euros?|yens?|dollars?|eur|jpy|usd) (?:exchange )?rates?",
        r"(?:le |l'|the )?(?:yens?|euros?|dollars?) (?:est|sont|vaut|valent|is|are)(?: a| at)?"
        r" (?:combien|how much)",
        r"combien (?:de|d') ?(?:yens?|euros?)",
        r"\d+ ?(?:yens?|euros?|€) (?:en|in) ",
        r"acheter|buy",
        r"superettes?|supermarches?|konbini|convenience store|supermarket",
        r"ou fumer|fumoir|zone fumeurs?|peut-on fumer|cigarettes?|smoking (?:area|room)",
        r"can (?:i|we) smoke",
        r"cartes? sim|sim card|esim|roaming|recharger (?:mon|mon tel)|charger (?:my )?phone",
        r"prises? (?:electriques?|pour)|adaptateur|power (?:plug|adapter|outlet)",
        r"(?:visiter|voir) (?:un|le|les|des) (?:temples?|musees?|chateau)",
        r"visit (?:a |the )?(?:temples?|museums?|castle)",
        r"(?:temples?|museums?|castle|onsen) (?:near|nearby|to visit|pres d'ici)",
        r"(?:an|un|the|a|le) onsen|karaoke",
        r"la poste|bureau de poste|post office",
        r"(?:une|la) banque(?! alimentaire)|(?:a|the|nearest) bank\b(?! account)",
        r"laverie|laundry",
        r"comment (?:dit-on|on dit|est-ce qu'on dit|dire)|how (?:do you|do i|to) say",
        # greetings and small talk alone
        r"^(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|good (?:morning|evening))(?=[ !.]*$)",
    ),
    japanese=(
        "天気",
        "てんき",
        "雨",
        "晴れ",
        "傘",
        "気温",
        "寒い",
        "暑い",
        "雪",
        "台風",
        "レストラン",
        "飲食店",
        "居酒屋",
        "ラーメン",
        "寿司",
        "飲み(?:に|屋|会)",
        "二次会",
        "紅葉",
        "見頃",
        "美術館",
        "博物館",
        "ご飯",
        "ごはん",
        "ランチ",
        "カフェ",
        "タクシー",
        "新幹線",
        "電車",
        "駅",
        "空港",
        "ホテル",
        "チェックアウト",
        "両替",
        "為替",
        "(?<![a-z])atm(?![a-z])",  # Latin letters in Japanese text: whole words only
        "(?<![a-z])wi-?fi(?![a-z])",
        "ワイファイ",
        "パスワード",
        "薬局",
        "病院",
        "お土産",
        "おみやげ",
        "買い物",
        "今何時",
        "さむい",
        "あつい",
        # the weather felt, said in a word: 「今日さむっ」「暑すぎ」「冷えるね」
        "(?:寒|さむ|暑)(?:っ|すぎ|く(?:な|て))",
        "あつ(?:っ|すぎ)",
        "肌寒|はだざむ|冷え(?:る|ます|込)|ひえる|ひえこ",
        "食べ",
        # the roads and how one feels: 「あしたの朝 国1混む？」「きょうはつかれたー」
        "渋滞|じゅうたい|道路|国道|国1(?![0-9])",
        "疲れ|つかれ|眠い|ねむい|眠たい|ねむたい",
        "たべ",
        "飲め",
        "観光地",
        "観光スポット",
        "富士山",
        "ふじさん",
        r"あめ(?:ふ|が|は|です|かな|降|\?|$)",  # rain in kana, not 「あめりか」
        "晴れる",
        r"はれ(?:る|ます|そう|た)",  # 「ashita hareru?」 in kana
        "曇",
        "くもり",
        "(?:おすすめ|近く|ちかく|いい|美味しい|おいしい).{0,8}(?:屋さん|お店|おみせ)",
        "(?:屋さん|お店|おみせ)(?:は|って)?(?:ある|どこ)",
        "うなぎ",
        "鰻",
        # dishes a local chain is known for: 「○○のハンバーグって今日も混んでる？」
        "ハンバーグ",
        "餃子",
        "ぎょうざ",
        "焼きそば",
        "定食",
        "牛丼",
        "とんかつ",
        "天ぷら",
        "刺身",
        "海鮮",
        "おでん",
        "焼肉",
        "お寿司",
        "おすすめの(?:店|料理|食べ物|観光)",
        # where to eat, or a table for a group: 「お昼どこにするか」「10人くらい入れるとこ」
        "(?:お昼|昼ご?飯|昼ごはん|晩ご?飯|晩ごはん|夕飯|夜ご?飯)(?:を|は)?どこ(?:に|で)?(?:する|しよう|行)",
        r"\d+人(?:くらい|ぐらい|ほど|前後)?(?:で)?(?:入れる|はいれる|座れる|すわれる)",
        "名物|ご当地|郷土料理|グルメ",
        "居酒屋",
        "冗談",
        "じょうだん",
        "歌って",
        "(?:野球|サッカー)の(?:試合|結果)",
        "チップ",
        # the rate said any way: 「1ユーロって今なん円」「ユーロ円」「円安」
        "(?:ユーロ|(?<!ー)ドル).{0,8}(?:何|なん|いくら)",
        "(?:円|えん).{0,6}(?:何|なん)ユーロ",
        "ユーロ(?:円|えん)|(?:円|えん)ユーロ|ドル(?:円|えん)",
        "円安|円高|えんやす|えんだか",
        "(?:為替|かわせ|ユーロ|ドル)の?れーと",
        "元気ですか",
        "コンビニ",
        "喫煙",
        "たばこ",
        "タバコ",
        "(?<![a-z])sim(?![a-z])",
        "(?:スマホ|携帯|電話)の?充電",
        "充電(?:器|できる|する場所)",
        "温泉(?:に行|行き|ある|は(?:どこ|ある)|おすすめ)",
        "カラオケ",
        "郵便局",
        "(?:近くの|近くに|ちかくに)銀行",
        "銀行(?:は|って)?どこ",
        "コインランドリー",
        "(?:何|なん)て言",
        "(?:何|なん)と言いま",
        "^(?:こんにちは|こんばんは|おはよう(?:ございます)?)[!！。]*$",
        "買え",
        "買う",
        "買い",
    ),
)


# General knowledge about a place, whose words the FAQ shares: « la population du Japon »,
# « la préfecture de Shizuoka compte combien d'habitants ? », 「フランスの首都」, the age or the
# founder of a shrine the delegates visit. Not their shrinking population, an example of the
# workshops (TRENDS below), nor why Shizuoka hosts the Rencontres (the FAQ's). Other
# countries' trivia finds no entry: the fallback.
_PLACE = (
    r"(?:(?:la |the )?(?:ville|city|prefecture|departement|region) (?:de |d'|of )?)?"
    r"(?:japon|japan|france|tokyo|paris|shizuoka)(?: (?:city|prefecture))?\b"
)
_MONUMENT = r"(?:shrines?|temples?|castles?|sanctuaires?|chateaux?|chateau|jinja|jingu)\b"
TRIVIA = Words(
    latin=(
        r"(?:population|capitale?|superficie|surface|area|president|premier ministre"
        r"|prime minister|monnaie|currency|hymne|anthem|plus haute? montagne|highest mountain"
        r"|pib|gdp|climat|climate|langue officielle|official language|religion|taux de chomage"
        r"|unemployment rate|histoire|history|nombre d'habitants|number of (?:inhabitants"
        r"|residents))"
        rf" (?:du|de la|de l'|des|de|d'|of)(?: the)? ?{_PLACE}",
        r"(?:how many|combien d'?) ?(?:people|habitants|inhabitants|residents) (?:live )?"
        rf"(?:in|au|en|a|dans) {_PLACE}",
        # how many live there, the place said first: « … compte combien d'habitants ? »
        r"(?:compte|a|abrite|fait)(?:-t-elle|-t-il)? combien d'habitants|how many (?:inhabitants"
        r"|residents)|how many people live",
        r"combien d'habitants (?:compte|a|ont|vivent|habitent|y a-t-il)",
        # a monument's age, history, founder or god, on the way to visit it
        rf"(?:how old|quel age|de quand date|when was|quand a ete|histoire|history|built|founded"
        rf"|construite?s?|fondee?s?|bati|dedicated|dedie)\b.{{0,40}}\b{_MONUMENT}",
        rf"{_MONUMENT}.{{0,40}}\b(?:how old|built|founded|construite?s?|fondee?s?|bati|dedicated to"
        rf"|dedie a|history|histoire)\b",
        r"(?:quel(?:le)?s?|which|what) (?:dieu|divinite|kami|god|deity|deities)",
        r"tokugawa|ieyasu|shoguns?|shogunat|samourai\w*|samurai\w*|trivia|fun fact",
    ),
    japanese=(
        r"(?:日本|にほん|にっぽん|フランス|ふらんす|静岡|東京|パリ)(?:県|市|都)?"
        r"(?:の|って)?(?:人口|首都|面積|大統領|首相|国歌|歴史)(?!減少|減|の減|が減|の変化|問題|対策)",
        r"(?:何|なん)人(?:くらい|ぐらい)?(?:が)?住",
        # a shrine's gods, founding and founder: 「どんな神様を祀って」「いつ建てられた」
        r"神様",
        r"かみさま",
        r"(?:祀|まつ)(?:ら|っ|る)",
        r"ご利益|御利益|ごりやく",
        r"(?:神社|じんじゃ|神宮|お寺|寺|城).{0,10}(?:歴史|建て|創建|何年|なんねん|いつ(?:から|でき))",
        r"徳川|家康|とくがわ|いえやす|将軍|しょうぐん",
    ),
)
TRENDS = Words(
    latin=(
        r"baisse\w*",
        r"declin\w*",
        r"diminu\w*",
        r"decroiss\w*",
        r"vieilliss\w*",
        r"shrink\w*",
        r"ageing|aging",
        r"(?:ateliers?|workshops?|politique|policy|policies)",
    ),
    japanese=(r"減少", r"減って", r"へって", r"高齢", r"少子", r"過疎", r"対策", r"分科会"),
)


# Thanks alone: a word back, not the list of what the bot cannot do.
THANKS = Words(
    latin=(
        r"^(?:merci|thanks|thank you|thx|cool|super|parfait|ok merci|great)"
        r"(?: (?:beaucoup|bien|a vous|a toi|a lot|so much|very much))?(?=[ !.]*$)",
    ),
    japanese=(r"^(?:ありがとう|どうも|助かりました|たすかりました)", r"^了解"),
)


# A question about which workshop a subject belongs to is for the FAQ, whatever the subject:
# « acheter local », 「温泉地の観光」, 'food banks' are topics of the workshops, and so is a
# project of one's own (« notre projet autour des plats du coin », 「地元の食の取組」).
ABOUT_THE_WORKSHOPS = Words(
    latin=(r"ateliers?", r"workshops?", r"bunkakai", r"themes?", r"projets?|projects?"),
    japanese=(
        r"分科会",
        r"取組|取り組",
        r"事例",
        r"ぶんかかい",
        r"テーマ",
        # what the Rencontres discuss, after a background that names the weather or a meal:
        # 「地元は毎年台風の被害を受けて…そのような話題も取り上げられるのでしょうか」
        r"取り上げ",
        r"とりあげ",
        r"(?:扱|あつか)(?:わ|い|う|っ)",
        r"議論",
        r"話し合",
        r"防災",
        r"災害",
    ),
)


def _off_topic(forms: Forms) -> bool:
    """The text names something else than the Rencontres: the weather, a meal, a place's trivia."""
    return SUBJECTS.search(forms) or (TRIVIA.search(forms) and not TRENDS.search(forms))


# Where a message parts into clauses: its sentences, and within one a reason or a second
# statement joined on (« arrive par le premier train et tient à être là dès l'ouverture »,
# 「新幹線の都合で出られないので予定から外して」, 「見学をアテンドするんですが、お昼どこに」).
# Not at a comma: « taxi du cocktail à la gare, ça prend combien de temps ? » is one question.
_CLAUSES = re.compile(
    r"(?<=[。？！?!…])|(?<=\.)\s|\n"
    r"|\s(?=(?:et|and|mais|but|car|because|parce qu(?:e|')|puisque|donc)\b)"
    r"|(?<=ので)|(?<=[いただする]から)|(?<=ため[、,])|(?<=[んの]ですが)|(?<=けど)",
    re.IGNORECASE,
)


# Within a clause, what a comma sets apart: « J'arrive en train demain, l'ouverture commence
# à quelle heure ? » asks about a session in its second part, which names it.
_COMMA = re.compile(r"(?<=[,、])")


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSES.split(text) if c.strip()]


# A clause that asks something, rather than tells the context (« Mon président arrive par le
# premier train », "I must book my train back", 「帰りの新幹線とりたくて」).
QUESTION = Words(
    latin=(
        r"quel\w*|quoi|comment|combien|pourquoi|quand|ou|est-ce|y a-t-il|\w+-t-(?:il|elle)"
        r"|conseill\w*|recommand\w*",
        r"what\w*|which|how|why|when|where|who|any|is there|are there|can (?:i|we|you)"
        r"|could (?:i|we|you)|do you|recs?|recommend\w*",
    ),
    japanese=(
        r"(?:か|かな|かね|の)。?$",
        r"どこ|何|なに|いつ|どう|どれ|どの|いくら|教えて|おしえて|おすすめ|知って|知らない",
    ),
)
_QUESTION_MARK = re.compile(r"[?？]")


def _asked(clause: str, forms: Forms) -> bool:
    return bool(_QUESTION_MARK.search(clause) or QUESTION.search(forms))


# The Rencontres, or their programme, as the subject of a when-question that names no
# session: "what day does it all wrap up?", 「最後のやつって何時に終わる予定ですか」.
EVENT = Words(
    latin=(
        r"it all|(?:the|l') ?(?:whole |entire )?(?:event|evenement|conference|rencontres|congres)",
        r"les rencontres|la conf(?:erence)?|programme|program|schedule|planning",
    ),
    japanese=(r"予定", r"日程", r"会議", r"プログラム", r"最後", r"最初", r"初日", r"最終日"),
)
# Being at a session, or not: « être présent dès l'ouverture », 「出られない」, "not make it".
ATTENDANCE = Words(
    latin=(
        r"(?:etre|d'etre|soit|sera) (?:present|presente|presents|la)",
        r"assister|manquer|rater|louper|attend\w*|miss|be there|make it",
    ),
    japanese=(r"出席", r"欠席", r"出られ", r"でられ", r"出れ", r"参加", r"間に合", r"まにあ"),
)


def _asks_about_a_session(turn: Turn, text: str) -> bool:
    """The text asks when or where a session is, or a day's programme."""
    tracks = turn.deps.conference.tracks
    return (
        asks_when_or_where(text) and find_track(text, tracks) is not None
    ) or asks_a_days_programme(text)  # after the hotel: « qu'est-ce qui est prévu aujourd'hui ? »


def _asks_the_programme(turn: Turn, text: str) -> bool:
    """A sentence or a clause of its own, without the off-topic words, asks about the
    programme; the words are the reason, not the question: 「閉会式は何時に終わりますか。帰りの
    新幹線を予約したいので」 (not 「交流会の後、おすすめの居酒屋はどこ？」). A sentence that names a
    session and asks when or where, or a day's programme, is enough, and so is a clause that
    does it with a question word; when the off-topic words are only told, not asked about
    (« arrive par le premier train », "I must book my train back"), a question on when the
    Rencontres end, or a session to be at or to drop from the agenda, is too."""
    whole = sentences(text)
    if any(not _off_topic(Forms(s)) and _asks_about_a_session(turn, s) for s in whole):
        return True
    clauses = [(c, Forms(c)) for c in _clauses(text)]
    # a clause, or what follows its last comma, asks with a question word: not the "?" that
    # ends « des sushis près de la gare, après la visite ? », nor « quand la visite finit, … »
    parts = [c for c, _ in clauses if c not in whole]
    parts += [p[-1] for c, _ in clauses if len(p := _COMMA.split(c)) > 1]
    if any(
        QUESTION.search(forms) and not _off_topic(forms) and _asks_about_a_session(turn, part)
        for part, forms in ((part, Forms(part)) for part in parts)
    ):
        return True
    if any(_asked(c, forms) for c, forms in clauses if _off_topic(forms)):
        return False
    named = find_track(text, turn.deps.conference.tracks) is not None
    # what a comma sets apart too: « Rappel 30 minutes avant svp, la navette depuis l'hôtel… »,
    # "take the opening off my agenda, i'm on airport pickup duty"
    clauses += [(p, Forms(p)) for c, _ in clauses if len(ps := _COMMA.split(c)) > 1 for p in ps]
    return any(
        (asks_when_or_where(c) and EVENT.search(forms))
        or _asks_where_the_venue_is(c)
        or (_asked(c, forms) and asks_what_is_on_now(c))
        or (REMINDERS.search(forms) and _DIGIT.search(c))
        or (named and any(words.search(forms) for words in (ATTENDANCE, AGENDA, ADD, REMOVE)))
        for c, forms in clauses
        if not _off_topic(forms)
    )


_DIGIT = re.compile(r"\d")


def _asks_where_the_venue_is(text: str) -> bool:
    """ "where is the venue po? I will take taxi from the hotel": the venue is asked (not "a
    Sunday mass near the venue?")."""
    folded, hira = latin(text), kana(text)
    return bool(
        (VENUE.search(folded) or VENUE.search(hira))
        and (_WHERE.search(folded) or WHERE_ACCENTED.search(text.casefold()) or _WHERE.search(hira))
    )


_WHERE = re.compile(r"\bwhere\b|\bdoko\b|どこ|何処")


_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _first_asks_the_programme(turn: Turn, text: str) -> bool:
    """Two questions in one Japanese message, the first on when or where a session or the
    venue is: 「交流会って何時から？あとドレスコードってあります？」, 「会場ってどこですか？駅から
    近い？」. The first is answered; what follows it is a second question, not the subject."""
    parts = sentences(text)
    if len(parts) < 2 or not _JAPANESE.search(parts[0]):
        return False
    first = parts[0]
    forms = Forms(first)
    return (
        asks_when_or_where(first)
        and (
            find_track(first, turn.deps.conference.tracks) is not None
            or VENUE.search(kana(first)) is not None
        )
        and not SUBJECTS.search(forms)
        and not PRACTICALITIES.search(forms)
    )


async def decline(turn: Turn, text: str) -> list[Reply] | None:
    forms = Forms(text)
    if choosing_workshop(text) or ABOUT_THE_WORKSHOPS.search(forms):
        return None
    # 「ありがとうございました！…ちなみに会議って何日まで？」: thanks, then a question
    if THANKS.search(forms) and not _QUESTION_MARK.search(text):
        turn.understood_as("", outcome=Outcome.OFF_TOPIC)
        return [turn.reply(ReplyKind.FALLBACK, "thanks-reply", turn.menu())]
    if not _off_topic(forms) or _asks_the_programme(turn, text):
        return None
    if _first_asks_the_programme(turn, text):
        return None
    return _declined(turn)


def _declined(turn: Turn) -> list[Reply]:
    turn.understood_as("", outcome=Outcome.OFF_TOPIC)
    return [turn.reply(ReplyKind.FALLBACK, "offtopic", turn.menu())]


async def decline_guessed(turn: Turn, text: str) -> list[Reply] | None:
    """A message the classifier is sure is not about the Rencontres, which the rules above did
    not decline: declined, unless it asks one of the practicalities below (then it is kept for
    the organisers), or a sentence of it asks about the programme or the venue, the rest being
    its context ("where is the venue? I will take a taxi from the hotel": None, for the rules)."""
    if _asks_the_programme(turn, text):
        return None
    kept = await uncovered(turn, text)
    return kept if kept is not None else _declined(turn)


# The Rencontres' practicalities that neither the FAQ nor the programme holds: interpretation
# and its receivers, badges and the registration desk, the slides, a dress code, fees, lunch,
# parking, speaking time, deadlines, the declaration's full text, a live stream. The honest
# answer is that the bot does not know: the fallback, kept for the organisers, before a day or
# a workshop in the question ("the desk opens at what time tomorrow?", "interpretation in the
# workshops?") is taken for a schedule or a workshop question.
PRACTICALITIES = Words(
    latin=(
        # interpretation provided, not an interpreter's own work ("I must prepare vocabulary
        # for interpretation")
        r"(?:is there|are there|will there be|there will be|y a-t-il|y aura-t-il|il y a(?:ura)?"
        r"|y a(?:ura)?|est-ce qu'il y a(?:ura)?|any|do you (?:have|provide)|do they (?:have"
        r"|provide)|with|avec) (?:an? |de l'|de la |une |des |d'|some )?(?:[\w-]+ ){0,2}"
        r"(?:interpretation|interpreters?|interpretes?|traduction|translation|interpretariat)",
        # « les présentations seront-elles traduites ? », "will the panel be interpreted?"
        r"(?:sera|seront|est|sont)(?:-(?:elles?|ils?))? (?:traduite?s?|interpretee?s?)",
        r"will (?:it|they|the \w+|there) be (?:translated|interpreted)",
        r"(?:interpretation|interpretariat|traduction|translation)s?\b.{0,40}\b(?:prevue?s?"
        r"|assuree?s?|disponibles?|available|fournie?s?|provided|offered|proposee?s?)",
        # the noun first, in a short question: "interpretation for workshops?"
        r"^(?:(?:an?|une?|l'|la|de l'|de la) ?)?(?:simultaneous |live )?(?:interpretation"
        r"|interpretariat|traduction|translation|traduc)(?: simultanee)?(?=[^.!]{0,40}\?)",
        r"casques?|headsets?|headphones?|ecouteurs?|earphones?|oreillettes?|recepteurs?"
        r"|receivers?",
        r"(?:which|what|quel) (?:channel|canal)",
        r"badges?|name ?tags?|porte-badges?",
        r"registration (?:desk|counter|booth|opens?|starts?|begins?|hours?|times?)"
        r"|check-?in (?:desk|counter)",
        r"(?:when|what time) (?:does|do|will|is) (?:the )?registration",
        r"(?:l'|les )?inscriptions? (?:ouvre|ouvrent|commence|commencent|sur place)",
        r"(?:bureau|comptoir|guichet|stand|point|desk) (?:d'|de l')?(?:accueil|inscription)",
        r"accueil desk",
        r"l'accueil (?:ouvre|ouvrira|est ouvert|sera ouvert|c'est ou|se trouve)",
        r"(?:ouvre|ouvrira|ouvert|ouverte|ferme|fermera)(?:-t-il)? (?:l'|le bureau d')accueil",
        # the slides handed out, not one slide's content (« la diapo du gâteau, ça dit quoi ? »)
        r"(?:slides?|diapos?|diaporamas?|powerpoints?|ppt)\b.{0,40}\b(?:shar\w*|availab\w*|sent"
        r"|send|online|download\w*|distribut\w*|publish\w*|recuper\w*|partag\w*|envoy\w*"
        r"|disponibles?|en ligne|distribu\w*|publi\w*|obten\w*|before|after|avant|apres)",
        r"(?:get|download|access|recuperer|avoir|obtenir|telecharger|envoyer|partager|share|send)"
        r" .{0,20}\b(?:slides?|diapos?|diaporamas?|powerpoints?|ppt)",
        r"supports? (?:de presentation|des presentations|des interventions|des intervenants)",
        r"presentation (?:materials?|files?|documents?)",
        r"actes (?:des rencontres|du colloque)|proceedings",
        r"dress ?code|tenue (?:de soiree|correcte|exigee|vestimentaire)|what (?:to|should i) wear",
        r"(?:costumes?|cravates?|suit and tie|suits?) (?:obligatoires?|exiges?|required|necessary"
        r"|necessaires?|needed|ou pas)",
        r"(?:en|in a) (?:costume|suit)\b",
        r"comment (?:faut-il |doit-on |on doit |je dois )?s'habiller",
        r"frais (?:d'inscription|de participation)|(?:participation|registration|entry|entrance)"
        r" fees?",
        r"(?:c'est|est-ce|is it|is the \w+) (?:payant|gratuit|free of charge)",
        r"parking|stationnement|car park|park (?:my|the) car|(?:me|se) garer",
        # lunch provided, not a restaurant: « le déjeuner est-il prévu ? », "is lunch provided?"
        r"(?:lunch|dejeuner|repas|meals?|diner|dinner|bento|buffet)s? (?:is |are |be |will be "
        r"|sera |est |est-il |sont )?(?:provided|included|served|offered|prevus?|fournis?"
        r"|offerts?|inclus|servis?|compris)",
        r"temps de parole|speaking time|time limit|temps (?:de|pour la|d') ?(?:presentation"
        r"|intervention)",
        r"combien de (?:temps|minutes) (?:pour|par) (?:la |chaque |notre |une )?(?:presentation"
        r"|intervention|collectivite|ville)",
        r"how (?:long|many minutes) (?:is|for|do we have for|do i have for|per) (?:each |the |my "
        r"|our |a )?(?:presentation|talk|speech|speaker|city)",
        r"fees?\b|cost to (?:join|attend)",
        r"date limite|deadline",
        r"texte (?:integral|complet)|full text",
        r"retransmission|livestream|live stream|streaming|replay",
        r"(?:sera|seront|est|sont)(?:-(?:ils?|elles?))? (?:filme|enregistre)e?s?"
        r"|(?:filmed|recorded)\b",
        r"attestation (?:de presence|de participation)|certificate of (?:attendance|participation)",
    ),
    japanese=(
        # interpretation provided: 「同時通訳はつきますか」, not 「通訳に入る前に」
        r"通訳(?:は|が|って|の|も)?(?:あり|ある|あん|つき|つく|付き|付く|付け|つけ|入り|はいり"
        r"|入る(?:の|ん)|用意|手配|提供|サービス|貸|レシーバー|ブース)",
        r"(?:通訳|つうやく)(?:つき|付き)",
        r"(?:通訳|翻訳)(?:され|して(?:もらえ|いただけ|くれ))",
        r"レシーバー",
        r"イヤホン",
        r"イヤフォン",
        r"ヘッドホン",
        r"ヘッドフォン",
        r"ヘッドセット",
        r"受信機",
        r"チャンネル",
        r"バッジ",
        r"名札",
        r"ネームカード",
        r"ネームプレート",
        r"受付",
        r"うけつけ",
        r"服装",
        r"ふくそう",
        r"ドレスコード",
        r"スーツ(?!けーす)",
        r"参加費",
        r"会費",
        r"有料",
        r"無料",
        r"駐車場",
        r"(?:昼食|お昼|ランチ|弁当|お弁当|食事|昼ご飯|昼ごはん)(?:は|って|が|も)?(?:出|用意|提供|支給"
        r"|あり|つき|付き|込み)",
        # lunch provided, whoever provides it: 「お昼って主催者側で用意されてます？」
        r"(?:昼食|お昼|ランチ|弁当|お弁当|昼ご飯|昼ごはん).{0,10}(?:用意|提供|支給)(?:され|して|あり|が)",
        r"ちゅうしゃじょう",
        r"スライド.{0,10}(?:共有|配布|公開|もらえ|いただけ|事前|後で|あとで|ダウンロード|送|入手)",
        r"(?:発表|配布|説明|会議)資料",
        r"資料(?:の|を|は)?(?:提出|共有|配布|公開|ダウンロード|もらえ|いただけ)",
        r"持ち時間",
        r"(?:発表|報告|プレゼン|スピーチ|説明)(?:の|は|って|時間|じかん)*(?:何|なん)(?:分|ぷん|ふん)",
        r"(?:何|なん)(?:分|ぷん|ふん)以内",
        r"もちじかん",
        r"締め?切り?",
        r"しめきり",
        r"全文",
        r"ぜんぶん",
        r"配信",
        r"録画",
        r"中継",
        r"参加証明",
    ),
)
# « Qui sont les intervenants de la table ronde ? »: the speakers, when the programme has none.
SPEAKERS = Words(
    latin=(
        r"intervenants?|panelistes?|panellists?|panelists?|orateurs?|conferenciers?",
        r"(?<!french )(?<!english )(?<!japanese )(?<!native )speakers?",
        r"qui (?:intervient|interviennent|anime|animent|modere\w*)",
        r"qui (?:parle|parlent|presente|presentent)(?! (?:de|des|du|d')\b)",
        r"who (?:is|are) (?:speaking|talking|presenting|on the panel)|who speaks",
    ),
    japanese=(
        r"登壇",
        r"とうだん",
        r"パネリスト",
        r"講演者",
        r"スピーカー",
        r"発表者",
        r"(?:誰|だれ|どなた)が(?:話|はな|登壇|発表|出)",
    ),
)


async def _speakers_unknown(turn: Turn, text: str) -> bool:
    """A question on who speaks that the programme cannot answer: the session it names (or
    every session, when it names none) lists no speaker."""
    shown = await programme_of(turn)
    named = named_sessions(text, shown.sessions, turn.deps.conference.tracks)
    return not any(session.speakers for session in named or shown.sessions)


# Where a word was seen ("I keep seeing it on the badges", "saw the acronym on the signs"): the
# badges are where the delegate saw what they ask about, not what they ask about.
_SEEN_ON = re.compile(
    r"(?i)\b(?:see|sees|seeing|saw|seen|noticed?|spotted|read)\b[^.?!]{0,40}"
    r"\b(?:on|in) (?:the|my|our|their|your|all the) [^.,;?!]*"
)


async def uncovered(turn: Turn, text: str) -> list[Reply] | None:
    """The honest fallback for the practicalities no one has given the bot."""
    forms = Forms(_SEEN_ON.sub(" ", text) if text.isascii() else text)
    if not PRACTICALITIES.search(forms) and not (
        SPEAKERS.search(forms) and await _speakers_unknown(turn, text)
    ):
        return None
    if _first_asks_the_programme(turn, text):
        return None
    await keep_question(turn, text, UnansweredReason.FALLBACK)
    turn.understood_as("", outcome=Outcome.FALLBACK)
    return [turn.reply(ReplyKind.FALLBACK, "fallback", turn.menu())]
