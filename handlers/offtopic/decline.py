"""Messages about something else than the Rencontres (the weather, taxis, restaurants…) are
declined politely, before a day word in them ("quel temps demain ?") could be taken for a
schedule question. They are not kept for the organisers: nothing is claimed to be passed on."""

from __future__ import annotations

from handlers.core.messages import Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.core.understanding import Outcome
from handlers.core.words import Forms, Words

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
        # eating and drinking out
        r"restos?",
        r"restaurants?",
        r"izakaya",
        r"ramen",
        r"sushis?",
        r"bars?",
        r"bieres?|beers?",
        r"ou manger",
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
        r"mt\.? fuji|mont fuji|mount fuji",
        r"acheter|buy",
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
        "ATM",
        "wi-?fi",
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
        "買え",
        "買う",
        "買い",
    ),
)


async def decline(turn: Turn, text: str) -> list[Reply] | None:
    if not SUBJECTS.search(Forms(text)):
        return None
    turn.understood_as("", outcome=Outcome.OFF_TOPIC)
    return [turn.reply(ReplyKind.FALLBACK, "offtopic", turn.menu())]
