"""Messages about something else than the Rencontres (the weather, taxis, restaurants…) are
declined politely, before a day word in them ("quel temps demain ?") could be taken for a
schedule question. They are not kept for the organisers: nothing is claimed to be passed on."""

from __future__ import annotations

from handlers.core.messages import Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.core.understanding import Outcome
from handlers.core.words import Forms, Words
from handlers.schedule.intents import choosing_workshop

SUBJECTS = Words(
    latin=(
        # the weather
        r"meteo",
        r"quel temps",
        r"(?:beau|mauvais) temps",
        r"il fait (?:froid|chaud|beau)",
        r"pleu\w*",
        r"pluie",
        r"parapluie",
        r"neige\w*",
        r"temperatures?",
        r"weather",
        r"rain\w*",
        r"umbrella",
        r"forecast",
        r"typhoon|typhon",
        r"nuageux|nuages|cloudy|clouds?|sunny|ensoleille",
        r"froid dehors|cold outside",
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
        # getting around and staying
        r"taxis?",
        r"uber",
        r"shinkansen",
        r"trains?",
        r"gare",
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
        "食べ",
        "たべ",
        "飲め",
        "観光地",
        "観光スポット",
        "富士山",
        "ふじさん",
        r"あめ(?:ふ|が|は|です|かな|降|\?|$)",  # rain in kana, not 「あめりか」
        "晴れる",
        "曇",
        "くもり",
        "(?:おすすめ|近く|ちかく|いい|美味しい|おいしい).{0,8}(?:屋さん|お店|おみせ)",
        "(?:屋さん|お店|おみせ)(?:は|って)?(?:ある|どこ)",
        "うなぎ",
        "鰻",
        "おでん",
        "焼肉",
        "お寿司",
        "おすすめの(?:店|料理|食べ物|観光)",
        "居酒屋",
        "冗談",
        "じょうだん",
        "歌って",
        "(?:野球|サッカー)の(?:試合|結果)",
        "チップ",
        "円は(?:何|なん)ユーロ",
        "ユーロは(?:何|なん)円",
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


# Thanks alone: a word back, not the list of what the bot cannot do.
THANKS = Words(
    latin=(
        r"^(?:merci|thanks|thank you|thx|cool|super|parfait|ok merci|great)"
        r"(?: (?:beaucoup|bien|a vous|a toi|a lot|so much|very much))?(?=[ !.]*$)",
    ),
    japanese=(r"^(?:ありがとう|どうも|助かりました|たすかりました)", r"^了解"),
)


# A question about which workshop a subject belongs to is for the FAQ, whatever the subject:
# « acheter local », 「温泉地の観光」, 'food banks' are topics of the workshops.
ABOUT_THE_WORKSHOPS = Words(
    latin=(r"ateliers?", r"workshops?", r"bunkakai", r"themes?"),
    japanese=(r"分科会", r"ぶんかかい", r"テーマ"),
)


async def decline(turn: Turn, text: str) -> list[Reply] | None:
    forms = Forms(text)
    if choosing_workshop(text) or ABOUT_THE_WORKSHOPS.search(forms):
        return None
    if THANKS.search(forms):
        turn.understood_as("", outcome=Outcome.OFF_TOPIC)
        return [turn.reply(ReplyKind.FALLBACK, "thanks-reply", turn.menu())]
    if not SUBJECTS.search(forms):
        return None
    turn.understood_as("", outcome=Outcome.OFF_TOPIC)
    return [turn.reply(ReplyKind.FALLBACK, "offtopic", turn.menu())]
