"""The agenda's requests in words, in French, English and Japanese: show my agenda, add or
remove a named session, my agenda as a calendar file, follow or unfollow a workshop, reminders
on, off or at a delay, my settings, forget me (always after the confirmation)."""

from __future__ import annotations

import re

from handlers.agenda import store
from handlers.core.messages import Button, Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.core.words import Forms, Words
from handlers.schedule import replies
from handlers.schedule.cards import local_day
from handlers.schedule.commands import programme_of
from handlers.schedule.described import described_sessions
from handlers.schedule.intents import choosing_workshop, find_track, parse_day
from handlers.schedule.names import named_sessions

AGENDA = Words(
    latin=(
        r"mes favoris",
        r"(?:mon|ma) (?:liste|programme)(?: a moi| perso\w*)?",
        r"my (?:favou?rites|bookmarks|saved sessions)",
        r"what i (?:saved|added)",
        r"what i(?:'ve| have)? (?:signed|put) (?:myself |me )?(?:up|down) for",
        r"what i(?:'m| am) (?:signed|booked) (?:up )?(?:for|on|onto)",
        r"my diary",
        r"(?:mon|ma|mes) (?:agenda|planning|programme perso\w*|selection|seances|sessions)",
        r"programme (?:perso|personnel)",
        r"(?:mon|my) (?:propre |own )?(?:agenda|agnda|planning|list|schedule|plan)",
        r"my (?:sessions?|sesions?|talks|events)",
        r"(?:personal|own) (?:agenda|schedule|list)",
        r"agenda",
    ),
    japanese=(
        r"(?:登録|保存|追加)(?:した|してる|している|済み|しました|いたしました|しておいた|しといた)"
        r"(?:セッション|予定|もの|やつ|の|内容)",
        r"登録内容",
        r"(?:登録|保存|追加)され(?:て(?:い)?る|た|ております)(?:セッション|予定|もの|やつ|の)",
        r"お気に入り",
        r"まいりすと",
        r"my ?list",
        r"(?:自分|じぶん|私|わたし|僕|ぼく|俺|おれ|わい|うち|あたし|わし|おら|おいら|まい"
        r"|my ?)の? ?"
        r"(?:予定|よてい|あじぇんだ|すけじゅーる|agenda)",
        r"あじぇんだ",
        r"あじゃんだ",
        r"あげんだ",  # "agenda" typed in romaji
        r"登録状況",
        r"とうろくじょうきょう",
        r"まいぺーじ",
        r"agenda",
        r"予定(?:に|から|へ)",
        r"よてい(?:に|から|へ)",
    ),
)
ADD = Words(
    latin=(
        r"retien\w*",
        r"selectionne\w*",
        r"favori\w*",
        r"je m'inscris",
        r"m'inscrire",
        r"bookmark\w*",
        r"favou?rite",
        r"star",
        r"join",
        r"attend",
        r"sign up",
        r"register for",
        r"i(?:'ll| will) (?:go|attend)",
        r"ajout\w*",
        r"rajout\w*",
        r"mets?",
        r"mett?ez",  # with the phone's spelling, « metez-moi la visite dans mon agenda »
        # not an obligation asked: « faut mettre une cravate ou pas ? »
        r"(?<!\bfaut )(?<!\bfau )(?<!\bdois )(?<!\bdoit )mett?re",
        r"stick",  # "stick the welcome reception in my agenda"
        r"garde[- ]moi",
        r"garder",
        r"gardez",
        r"inscri\w*",
        r"reserve\w*",
        r"note[rz]?(?: moi)?",
        r"enregistre\w*",
        r"je (?:veux|voudrais|vais|souhaite) (?:aller|assister|participer)",
        r"je (?:participerai|assisterai|serai present\w*|compte (?:aller|assister|participer))",
        r"i(?:'d| would) like to (?:attend|go|join)",
        r"i (?:want|plan) to (?:attend|go|join)",
        r"count me in",
        r"i(?:'ll| will) be (?:at|there)",
        r"add",
        r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )put",  # not "is put"
        # "pop it in", "popping tomorrow's first panel into my diary"; not "ageing pop"
        r"pop(?:ping|s)?(?= (?:[\w']+ ){0,5}?(?:it|me|in|into|on|onto|down)\b)",
        r"save",
        r"book",
        r"keep",
        r"sign me up",
        r"register me",
    ),
    japanese=(
        r"(?<![a-z])ts?uika(?![a-z])",  # 追加 in romaji, the IME left in Latin mode
        r"入れたい",
        r"いれたい",
        r"参加したい",
        r"(?:参加|出席)します",
        # humble: 「参加させていただきます」
        r"(?:参加|出席)(?:させて|さして)(?:いただ|もら|くだ|ほし)",
        r"(?:伺い|うかがい|参り|まいり)ます",
        r"行きます",
        r"いきます",
        r"行きたい",
        r"いきたい",
        r"ぶっくまーく",
        r"加わり",
        r"(?:参加|出席|さんか|しゅっせき)(?:希望|きぼう)",
        r"に(?:出|で)(?:たい|ます|る(?:つもり|予定))",
        # 「経済分科会をマイアジェンダへ」: the verb left out
        r"(?:あじぇんだ|よてい|すけじゅーる|りすと|お気に入り)(?:に|へ)[。！!\s]*$",
        r"申し込",
        r"追[加化]",  # and the IME's wrong kanji, 「追化して」
        r"ついか",
        # not the potential 「10人入れるとこ」 (a place that fits ten): 入れる before a place
        r"入れ(?!る(?:とこ|ところ|所|店|お店|場所|部屋))",
        r"いれ(?!る(?:とこ|ところ|所|店|お店|場所|部屋))",
        r"加え",
        r"くわえ",
        r"登録",
        r"予約",
        r"保存",
    ),
)
REMOVE = Words(
    latin=(
        r"retirer",
        r"je n'irai pas",
        r"plus interesse\w*",
        r"unbookmark",
        r"not (?:going|attending)",
        r"won'?t (?:go|attend)",
        r"enleve\w*",
        r"retire\w*",
        r"supprime\w*",
        r"suppr",  # SMS
        r"efface\w*",
        r"ote\w*",
        r"annule\w*",
        r"desinscri\w*",
        r"vire[rz]?",
        r"remove",
        r"delete",
        r"drop",
        r"scratch",
        r"take .{1,40} off",
        r"pas (?:de|d') .{1,40} pour moi",  # « donc pas de table ronde pour moi »
        r"cancel",
    ),
    japanese=(
        r"キャンセル",
        r"きゃんせる",
        r"やめる",
        r"やめたい",
        r"行かない",
        r"いかない",
        r"参加しない",
        r"外したい",
        r"消したい",
        r"削除",
        r"さくじょ",
        r"消し",
        r"消す",
        r"けし",
        r"外し",
        r"はずし",
        r"取り消",
        r"抜い",
    ),
)
CALENDAR = Words(
    latin=(
        r"ics",
        r"ical\w*",
        r"outlook",
        r"calendrier",
        r"calend[ae]r",
        r"google (?:agenda|calendar)",
        r"export\w*",
        r"fichier",
        r"file",
    ),
    japanese=(
        r"かれんだー",
        r"(?<![a-z])ics(?![a-z])",
        r"outlook",
        r"ふぁいる",
        r"書き出",
        r"えくすぽーと",
        r"取り込",
    ),
)
FORGET = Words(
    latin=(
        r"supprime\w* mon compte",
        r"delete my account",
        r"desinscri\w*(?: \w+)? (?:de|du) (?:bot|service)",
        r"rgpd",
        r"gdpr",
        # any person of the verb (« supprimiez », « effacer »), the data in any spelling
        r"(?:effac\w*|supprim\w*|oubli\w*|detrui\w*|detruis\w*|delet\w*|eras\w*|forget"
        r"|remov\w*|wip\w*|purg\w*)"
        r" .{0,40}(?:donn?e?es|infos|informations|tout ce que|mon compte|me concernant|sur moi"
        r"|about me|my (?:personal )?(?:datas?|info\w*|details|account|history)|everything"
        r"|personal (?:datas?|info\w*|details)"
        # "the data you have on me", "all the info you hold about me"
        r"|(?:datas?|info\w*|details|records?) (?:that )?you (?:have|hold|keep|store|got)\w*"
        r" (?:on|about|of) me)",
        r"(?:forget|oublie\w*)[- ](?:me|moi)",
        # "I'd rather you didn't hang on to my details", "my details… can you wipe them?"
        r"(?:didn'?t|not|don'?t|stop) (?:hang\w* on to|hold\w* on to|keep\w*|stor\w*)"
        r" (?:any of )?my (?:personal )?(?:details|datas?|info\w*)",
        r"my (?:personal )?(?:details|datas?|info\w*)\W.{0,40}"
        r"(?:wipe|delete|erase|remove) (?:them|it)",
    ),
    japanese=(
        r"登録解除",
        r"とうろくかいじょ",
        r"消去",
        r"全部消して",
        r"ぜんぶけして",
        r"(?:でーた|情報|登録|個人情報|履歴|記録).{0,10}(?:削除|さくじょ|(?<!取り)(?<!とり)(?<!取)(?:消|けし|けす))",
        r"退会",
        # 「私のことは忘れて」, not 「資料を忘れてきた」 (forgot something) nor 「忘れてた」
        r"(?<!を)(?<!も)忘れて(?:ください|下さい|ほしい|欲しい|くれ|$)",
        r"あかうんと.{0,6}(?:削除|さくじょ|消|けし|けす)",
    ),
)
REMINDERS = Words(
    latin=(
        r"alarme?s?",
        r"avant que (?:ca|la session|l'atelier) commence",
        r"before it starts",
        r"(?:ping|nudge|buzz|warn|text) me (?:\w+ )?before",  # "ping me just before"
        # "give me a heads-up", not the opener "Heads up, …" (read this)
        r"(?:a|an|me|us|the|any|some|quick) heads[- ]up",
        r"rap+el+\w*",
        r"rappelle\w*",
        r"remind\w*",
        r"alertes? avant",
        r"(?:prevenir|previens|previenne) (?:moi )?avant",
        r"avant (?:les|la|le|chaque) (?:sessions?|seances?|ateliers?|debut)",
        r"before (?:the |each )?(?:sessions?|start)",
        r"\d+ ?(?:min\w*|mn|h|heures?|hours?) (?:avant|before|plus tot|earlier)",
        r"(?:heure|hour|quart d'heure|quarter of an hour) (?:avant|before|plus tot|earlier)",
        r"(?:min\w*|hours?)'? (?:warning|notice)",  # "ten minutes' warning"
    ),
    japanese=(
        r"あらーむ",
        r"あらーと",
        r"事前に(?:通知|知らせ|連絡)",
        r"事前通知",
        r"開始の?\d*分前",
        r"\d+\s*(?:分|ふん|ぷん|時間|じかん)\s*(?:前|まえ)",
        r"りまいんど",
        r"りまいんだー?",  # 「ﾘﾏｲﾝﾀﾞ」 without its long mark
        r"開始前",
        r"始まる前",
        r"はじまる前",
        r"前に(?:知らせ|しらせ|通知|お知らせ)",
        r"前の(?:お知らせ|通知)",
    ),
)
# What one is reminded of before it starts: « rappelle-moi les ateliers », "remind me of the talks".
_SESSION_NOUNS = (
    r"(?:sessions?|seances?|ateliers?|evenements?|rendez-vous|visites?|conferences?|tables? rondes?"
    r"|plenieres?|panels?|receptions?|ceremonies?|debut|workshops?|talks?|events?|visits?"
    r"|reception|ceremony|start|meetings?)\b"
)
# « Pouvez-vous me rappeler le thème ? »: tell me again, not a reminder before a session.
RECALL = Words(
    latin=(
        r"rappel\w*(?:[- ](?:moi|nous))? (?:l'|le |la |les |son |sa |ses |leur )?"
        r"(?:intitule|titre|nom|theme|sujet|date|dates|definition|adresse|lieu|signification|sens"
        r"|principe|objectifs?|but|numero|ville|histoire|contexte)\b",
        r"rappel\w*(?:[- ](?:moi|nous))? (?:a |en )?(?:quel|quelle|quels|quelles|comment|pourquoi"
        r"|qui|ou|quand|combien|ce qu\w*)",
        r"remind me (?:of )?(?:what|which|who|where|why|how|the (?:name|title|theme|dates?))\b",
        # « rappelez-moi la périodicité », "remind me of the deadline": any fact but a session
        r"rappel\w*[- ](?:moi|nous) (?:l'|le |la |les |ce |cet |cette |ces |son |sa |ses |leur "
        rf"|leurs |votre |vos |ton |ta |tes )(?!{_SESSION_NOUNS})",
        rf"remind me (?:of |about )?(?:the|this|that|these|those|its|their) (?!{_SESSION_NOUNS})",
        # « Pourriez-vous me rappeler l'ensemble des éditions ? », « … me rappeler à quelle heure
        # commence la table ronde ? »: asked to be told again
        r"(?:me|nous) rappeler (?:a |en |[\w']+ ){0,3}?(?:quel|quelle|quels|quelles|comment"
        r"|pourquoi|qui|ou|quand|combien|ce qu\w*|si)\b",
        # « mon élu veut rappeler qu'on parlait déjà… »: to point out
        r"rappeler qu(?:e|')",
        r"(?:me|nous) rappeler (?:l'|le |la |les |ce |cet |cette |ces |son |sa |ses |leur |leurs "
        rf"|votre |vos )(?!{_SESSION_NOUNS})",
    )
)
# A delay or "before": a reminder, whatever else is recalled.
BEFORE = Words(latin=(r"avant", r"before", r"plus tot", r"earlier"))
FOLLOW = Words(
    latin=(
        r"m'avertir",
        r"avertis\w*",
        r"informe[rz]?(?: moi)?",
        r"envoie\w* (?:moi )?les (?:changements|modifications)",
        r"changements? de",
        r"(?:modifications?|modifs?) (?:de|du|des)",
        r"let me know(?! (?:the|what|when|where|which|how|who|whether)\b)",  # not a question
        r"alert me",
        r"tell me (?:if|when|about) (?:changes|it changes)",
        r"changes? (?:to|of|in|about|for|on)",
        r"(?:send|sending|tell|telling) me (?:the |any )?(?:changes|updates|modifications)",
        r"suivre",
        r"(?:mes|de mes|aux) (?:suivis|abonnements)",  # « retirez l'atelier éco de mes suivis »
        r"^(?:ne )?(?:suis|suivez)(?: plus)? (?:l'|les |le |la )",  # « suis l'atelier éco »
        r"abonn\w*",
        r"notif\w*",
        r"alertes?",
        r"previen\w*",
        r"prevenu\w*",
        r"averti\w*",
        # not the reflexive « faut que je me change avant » (clothes)
        r"(?:si|quand|des que) .{0,50}(?<!\bme )(?<!\bse )(?<!\bte )chang\w*",
        r"(?:if|when|whenever) .{0,50}chang\w*",
        r"tenir au courant",
        r"(?:mets|mettez|tenez|tiens)[- ](?:moi|nous) au courant",
        r"keep me in the loop",
        r"(?:be |being )?kept (?:in the loop|posted|informed|up to date)",
        r"(?:if|when|whenever) .{0,50}(?:shift\w*|mov\w*)",
        r"(?:au jus|au parfum)",
        r"tiens[- ]moi au courant",
        # a "follow-up" is later work, not a subscription
        r"follow(?:s|ing|ed)?(?![- ]?ups?\b)",
        r"subscribe",
        r"unsubscribe",
        r"unfollow",
        r"desabonn\w*",
        r"notify",
        r"updates?",
        r"keep me (?:posted|updated|informed)",
    ),
    japanese=(
        r"知らせて",
        r"しらせて",
        # not the nouns 「連絡先」「連絡体制」「連絡会」: an address, a network, a meeting
        r"連絡(?!先|体制|会|網|協議|調整|窓口|事項)",
        r"れんらく(?!さき|たいせい|かい|もう|きょうぎ|ちょうせい|まどぐち|じこう)",
        r"(?:変更|へんこう)(?:が|の)?(?:あれば|あったら|あった場合|あったとき|の際)",
        # 「変更点があれば」, and the polite forms: 「変更がございましたら」「変更が生じた場合」
        r"(?:変更|へんこう|変わ|かわ|更新|こうしん).{0,6}(?:あれば|あったら|あった場合"
        r"|ございましたら|ございました場合|ございます場合|ありましたら|ありました場合|生じた場合"
        r"|生じましたら|の場合)",
        r"変わったら",
        r"かわったら",
        r"通知",
        r"つうち",
        r"お知らせ",
        r"おしらせ",
        # not the follow-up of one's own work: 「フォローアップ」「あとでまとめてフォローする」
        r"(?<!あとで)(?<!後で)(?<!後ほど)(?<!のちほど)(?<!まとめて)ふぉろー(?!あっぷ)",
        r"follow(?![- ]?ups?)",
        r"購読",
        r"更新",
        r"最新(?:情報|じょうほう)",
        r"(?:変更|へんこう|変わ|かわ)(?:情報|じょうほう|点|てん)?(?:を|が|は|の)?(?:知りたい|しりたい"
        r"|教え|おしえ|知らせ|しらせ|欲しい|ほしい|受け取|うけと)",
    ),
)
# Whether registering is needed, asked: no request to add
# (「事前の申し込みは要るのでございましょうか」).
NEEDED = Words(
    latin=(
        r"(?:do|must|should) (?:i|we) (?:need to )?(?:register|sign up|book)\b",
        r"faut[- ]il (?:s'inscrire|reserver|s'enregistrer)",
        r"(?:inscription|reservation) (?:est )?(?:obligatoire|necessaire|requise)",
    ),
    japanese=(
        r"(?:申し?込み?|もうしこみ|登録|とうろく|予約|よやく)(?:は|が|って|も)?(?:要る|いる|要ります|いります"
        r"|必要|ひつよう)",
    ),
)
# Pings switched on, or back on: « turn the notifications on », 「つうちおんにして」;
# 「通知を再開して」, « réactive les notifs », "turn the alerts back on".
SWITCHED_ON = Words(
    latin=(
        r"turn (?:\w+ )?on\b",
        r"switch (?:\w+ )?on\b",
        r"\bactiv(?:e|er|ez)\b",
        r"enable\w*",
        r"reactiv\w*",
        r"remet\w*",
        r"rallum\w*",
        r"back on",
        r"resume",
        r"again",
    ),
    japanese=(
        r"おん(?:に|で|して)",
        r"(?<![a-z])on(?![a-z])",
        r"再開",
        r"さいかい",
        r"再び",
        r"ふたたび",
        r"もう一度",
        r"もういちど",
        r"戻して",
        r"もどして",
    ),
)
NOT_ANY_MORE = Words(
    latin=(
        r"ne (?:plus )?recevoir",
        r"mute",
        r"silence",
        r"(?:pas|plus) besoin",
        r"no (?:longer|need)",
        r"ne (?:veux |souhaite |voudrais )?plus",
        r"(?:veux|voudrais|souhaite) plus",
        r"plus de",
        r"arret\w*",
        r"stop\w*",
        r"retir\w*",
        r"enleve\w*",
        r"desabonn\w*",
        r"desactiv\w*",
        r"coupe\w*",
        r"unfollow",
        r"unsubscribe",
        r"^(?:ne )?(?:suis|suivez) plus",
        r"(?:no|nae) more",  # Scots: "nae more reminders"
        r"no (?:\w+ )?(?:reminders?|notifications?|alerts?)",
        r"(?:pas|aucune?) (?:de |d')?(?:rappels?|notifications?|alertes?)",
        # a refusal of the pings, not any "don't" ("don't let me miss it, remind me")
        r"(?:don'?t|dont|do not) (?:\w+ )?(?:remind|notify|send|want|need|alert|warn|tell|message"
        r"|ping|bother|follow|care|wish)\w*",
        r"turn off",
        r"disable",
        # not a phrasal verb's "off": "before it kicks off", "when we set off"
        r"(?<!kick )(?<!kicks )(?<!kicked )(?<!set )(?<!sets )(?<!start )(?<!starts )(?<!head )off",
        r"sans",
    ),
    japanese=(
        r"(?<![a-z])off(?![a-z])",  # 「リマインダーoffで」: the Latin word inside Japanese
        r"受け取らない",
        r"うけとらない",
        r"来ないように",
        r"こないように",
        r"結構です",
        r"要りません",
        r"いりません",
        r"止め",
        r"(?<![まもつみ])とめ",  # not 「まとめ」「もとめ」「つとめ」「みとめ」
        r"やめ",
        r"停止",
        r"解除",
        r"いらない",
        r"要らない",
        r"(?:いら|要ら)ん",  # Kansai
        r"もう(?:ええ|いい)(?:わ|です|よ|って|\s|$)",  # 「もうええわ」: enough
        r"不要",
        r"無効",
        r"外し",
        r"はずし",
        r"おふ",
        r"切(?:っ|る|れ|ら|ろ)",  # 「通知切って」 like a switch (not 「切り替え」, 「締め切り」)
        r"消(?:し|さ|す)",  # 「リマインダー消して」
    ),
)
ALL = Words(
    latin=(r"tous", r"toutes", r"tout", r"aucun", r"all", r"every\w*", r"any"),
    japanese=(r"全部", r"ぜんぶ", r"すべて", r"全て", r"全体"),
)
SETTINGS = Words(
    latin=(
        r"options?",
        r"mes choix",
        r"my choices",
        r"parametres?",
        r"parameters?",
        r"reglages?",
        r"preferences?",
        r"configuration",
        r"config",
        r"settings?",
        # "how have I got you set up?", "my current setup": how things stand, not a change
        r"how (?:have i|am i|are you|is it|is everything|have you) (?:got )?"
        r"(?:you |me |it |things )?set ?up",
        r"my (?:current )?set-?up",
    ),
    # the settings page, not a setting: not 「テーマ設定」, 「会談を設定したい」
    japanese=(
        r"おぷしょん",
        r"(?:設定|せってい)(?:内容|一覧|画面|状況|状態|ぺーじ|めにゅー)",
        r"(?:設定|せってい)(?:を|は|が|って|、)?(?:見|み|確認|かくにん|教え|おしえ|表示|ひょうじ"
        r"|ちぇっく|どう|変更|へんこう|変え|かえ)",
        r"(?:今|いま|現在|げんざい|私|わたし|わたくし|自分|じぶん|僕|ぼく|俺|おれ|あたし)の"
        r"(?:私の|わたしの)?(?:設定|せってい)",
        r"^\W*(?:設定|せってい)\W*$",
    ),
)
HOW = Words(
    latin=(
        r"comment (?:\w+ )?(?:marche|fonctionne)\w*",
        r"comment (?:faire|on fait|je fais|puis-je|peut-on|fait-on|fais-je|doit-on|dois-je)",
        r"comment \w+-t-(?:on|il|elle)\b",  # « comment modifie-t-on la langue ? »
        r"(?:marche|marchent|fonctionne|fonctionnent) comment",
        r"comment (?:\w+(?:er|ir|re))\b",  # « comment changer la langue ? »
        r"comment (?:je|j'|on|est-ce que je|est-ce qu'on|faut-il|dois-je) \w+",
        r"how (?:do|does|can|could) .{0,20}(?:work|change|set|use)",
        r"how to",
        r"how (?:works?|functions?|it works|they work|(?:is|are) .{1,30} working)",
        r"how (?:the|this|these|my) .{1,30} (?:works?|functions?)",
        r"how (?:the|this|my) .{1,40} (?:can|could|should|may) be (?:changed|set|switched|turned)",
        # a yes/no question on what the bot will do, not a request that it do it
        r"(?:serai|serons|serez|recevrai|recevrons|aurai|aurons)-(?:je|nous|vous)",
        r"est-ce que (?:je|j'|on|nous) (?:serai|serons|sera|recevrai|recevra|aurai|aura)\w*",
        r"(?:will|do) (?:i|we) (?:be|get|receive)\b",
        # « je recevrai une notification si… ? »: the future, asked
        r"(?:je|on|nous) (?:recevrai|recevra|recevrons|serai|sera|serons)(?=.{0,60}\?\s*$)",
        r"how (?:the|this|these|my|does the|do the) .{1,30} (?:works?|working|functions?"
        r"|functioning)\b",
        r"how (?:i|we|you|one) (?:can|could|should|do|must|may) \w+",  # "how I can change…"
        r"(?:will|do|does) (?:you|it|the bot|this bot) (?:send|notify|remind|warn|alert)\w*",
        # where the switch is: « je trouve pas où on change la langue », "where do I set it"
        r"ou (?:est-ce qu'?)?(?:on|je|j'|peut-on|puis-je|faut-il|il faut)"
        r" (?:peut |peux |doit |dois )?(?:chang|modifi|regl|choisi|activ|desactiv|trouv)\w*",
        r"where (?:do|can|could|should) (?:i|we|you) (?:change|set|switch|turn|find)\b",
        # how it is set by default: « combien de temps avant ? », "how long before?"
        r"combien de (?:temps|minutes?)",
        r"par defaut",
        r"by default",
        r"how (?:long|many minutes|much time)",
        # whether something must be done for it: "do I have to turn anything on?"
        r"(?:do|must|should) (?:i|we) (?:have|need) to (?:do|set|turn|switch|activate)\b",
        r"(?:don'?t|do not|dont) (?:have|need) to do anything",
        r"(?:ai-je|a-t-on|j'ai|on a|faut-il|dois-je) (?:quelque chose|qqch|rien) a (?:faire|regler"
        r"|activer)",
    ),
    japanese=(
        r"仕組み",
        r"どうやって",
        r"どう(?:すれば|したら|やれば|やったら|すりゃ)",  # 「〜にはどうすればいいですか」
        r"どういう仕組",
        r"方法",
        r"変え方",
        r"やり方",
        # the way of doing, in kana (「げんごのかえかた」), and its polite forms
        r"(?:かえ|きりかえ|せってい|せっていし|とめ|やめ|いれ|けし|はずし)かた",
        # a verb's stem and 方: 「止め方」「消し方」「切り替え方」「見方」 (not 「夕方」「両方」)
        r"(?<!使)(?:[めえしきりいけれせてべちびみにぎじ]|見)方(?:を|が|は|って|も|、|。|$|\s|\?|教"
        r"|おし|分|わか|知|しり)",
        r"どのように",
        r"どのよーに",
        r"手順",
        r"(?:何|なん)(?:分|ぷん|ふん)(?:前|まえ)",  # 「何分前に来るの」 asks how they work
        # 「自動で通知されますか」「お知らせは届くの？」: whether the bot does it, not a request
        r"され(?:ますか|るのですか|るんですか|るの(?:でしょうか|\?|$))",
        r"(?:来|届き|とどき)ますか",
        r"(?:通知|連絡|知らせ|りまいんだー|りまいんど)(?:は|が|って|も)?きますか",
        r"(?:来る|くる|届く|とどく)(?:の(?!で|に)|んですか|のですか)",  # not 「届くので」: because
        # 「切り替えってどうやるんですか」「言語かえるのどうやる」
        r"どう(?:やる|する)(?:の|ん|$|[?？])",
        # where it is done: 「どこからできます？」「どこで変えられる？」「どれ押せばいい？」
        r"どこ(?:から|で)(?:でき|やれ|変え|かえ|切り替|きりかえ|設定|せってい)",
        r"(?:押せば|おせば|押したら|おしたら)",
        # in keigo: 「切り替えるには、どのような操作をすればよろしいでしょうか」
        r"(?<=[うくすつぬむるぐぶ])には(?=[、,\s?]|どう|どの|どんな|何|なに|$)",
        r"(?:どのような|どういった|どんな|どの)(?:操作|そうさ)",
        r"(?:操作|そうさ)(?:を|は)?(?:すれば|したら|する(?:の|ん))",
        # where else it can be done: 「メニューからでも言語を変更できますか」
        r"から(?:(?:でも|も).{0,10}?)?(?:変更|へんこう|切り替え|切替|きりかえ|変え|かえ|設定"
        r"|せってい)(?:でき|出来|可能|かのう|られ)",
        r"(?:初期|しょき|でふぉると)(?:設定|せってい)?(?:で|は)",
    ),
)
SCHEDULE = Words(latin=(r"schedule", r"programme", r"program"), japanese=(r"予定", r"よてい"))
ALREADY = Words(
    latin=(
        r"what (?:did|have) i (?:save|add|put|chose|pick|select)\w*",
        r"qu'?est-ce que j'ai",
        r"qu'ai-je",
    ),
    japanese=(
        r"何を(?:入れ|登録|追加)した",
        r"登録状況",
        r"とうろくじょうきょう",
        r"(?:登録|保存|追加|入れ)(?:した|してる|している|済み|しました|いたしました)(?!い)",
        r"(?:登録|保存|追加)され(?:て|た)",  # 「現在登録されているもの」
        r"(?:入って|はいって)(?:いる|る|います)",
    ),
)
# "ics" says it all: no other request has a calendar file.
CALENDAR_FILE = Words(
    latin=(
        r"ics",
        r"ical\w*",
        r"icalendar",
        r"(?:to|in|into) my (?:google |outlook |phone'?s? )?calendar",
        r"dans mon (?:calendrier|agenda (?:google|outlook|du telephone))",
    ),
    japanese=(
        r"(?<![a-z])ics(?![a-z])",  # not the end of "logistics"
        r"かれんだー(?:あぷり|アプリ)?(?:に|へ)(?:入れ|いれ|追加|ついか|登録|取り込|とりこ|読み込|よみこ)",
        # a file one can import: 「カレンダーに取り込めるファイル」「読み込める形式」
        r"(?:取り込|とりこ|読み込|よみこ)(?:める|み用の|む用の)(?:ふぁいる|形式|けいしき|でーた)",
        r"かれんだー(?:の|用の|用)?(?:ふぁいる|形式|けいしき|でーた)",
        r"(?:outlook|google|ぐーぐる|iphone|あいふぉん|すまほ)(?:の?かれんだー)?(?:に|へ)"
        r"(?:入れ|いれ|取り込|とりこ|追加|ついか|登録|同期)",
    ),
)
# "What are the visits, can observers join?": a question about a session, not a request.
ASKS_WHAT = Words(
    latin=(
        r"what (?:are|is)",
        r"qu'est-ce que (?:c'est|sont)",
        r"c'est quoi",
        r"quels? (?:sont|est)",
        r"quelles? (?:sont|est)",
        r"(?:can|could|may) (?:observers|they|we|everyone|anyone)",
        r"is there|are there|y a-t-il|est-ce qu'il y a",
        r"(?:peut-on|est-ce qu'on peut|peuvent-ils|les \w+ peuvent)",
        r"faut[- ]il|il faut|dois-je|doit-on|do (?:i|we) (?:need|have) to|must (?:i|we)",
        # a question of when or where: "la soirée, c'est à quelle heure ?" asks, adds nothing
        r"(?:a )?quelle heure|c'est (?:quand|ou)|what time|when (?:is|does|do)",
        # why a session is as it is: content, not a request ("why is it put at the bottom?")
        r"why|pourquoi",
        r"is (?:it|registration|booking) (?:required|necessary|needed|compulsory)",
        r"how come",
    ),
    japanese=(
        r"とは",
        r"なぜ",
        r"どうして",
        r"って何",
        r"ってなに",
        r"(?<!お願い)(?<!おねがい)できますか",  # 「お願いできますか」 asks for it politely
        r"できる[？?]",  # kana() folds 「？」 to "?", a quantifier outside brackets
        r"必要(?:ですか|\?)",
        r"なぜ|なんで|どうして",
    ),
)
# What follows a verb's 〜て stem when a delegate asks for it, politely or not: 〜して,
# 〜したい, 〜してほしい, 〜してください, 〜してもらえますか, 〜しといて, 〜しておいて.
_ASKING = r"(?:て|た(?:い|く)|とい|ておい|ちゃ|ても)"
# A noun of doing (削除, キャンセル) asked for: 〜して…, 〜でお願いします, 〜お願い, 〜できますか.
_DOING = (
    rf"(?:を|は)?(?:し{_ASKING}|(?:で|を)?(?:お願い|おねがい)|でき|します|したいで"
    r"|で(?:[。！!、\s]|$))"
)
# Removing in the imperative, with a session named: no need to say "from my agenda".
REMOVE_NOW = Words(
    latin=(
        r"^(?:retire|retirez|enleve|enlevez|supprime|supprimez|vire|virez|remove|delete|drop|cancel)",
        r"^(?:annule|annulez) (?:mon|ma|l'|la|le)",
        r"\b(?:retire|enleve|supprime|efface|annule)[- ](?:la|le|les)\b",
        r"\bje (?:ne |n')?(?:viendrai|serai|irai)(?: \w+)? pas\b",
        r"\bdesinscri\w*",
        r"\bje (?:ne )?(?:pourrai|peux|vais) pas (?:venir|y aller|aller|assister|participer)\b",
        r"\bi (?:can'?t|cannot|won'?t|will not) (?:make it|come|go|attend)\b",
        r"\bi'?m not (?:going|coming|attending)\b",
        r"^(?:(?:actually|in fact|oh|ok|okay|sorry|so|hmm)\W+)?(?:scratch|forget about|skip)\b",
        # « pas de deuxième table ronde pour moi », "no reception for me": not going
        r"\bpas (?:de |d')(?:\w+ ){0,4}pour moi\b",
        r"\bno (?:\w+ ){0,4}for me\b",
        r"\bje (?:ne |n')?vais (?:finalement |plus )?pas (?:au|a la|a l'|aux|a)\b",
        r"\bje (?:ne )?(?:pourrai|peux) (?:finalement |plus )?pas (?:me rendre|y etre|etre)\b",
        r"\bje (?:zappe|saute|laisse tomber|skip)\b",
        r"\bi(?:'ll| will)? (?:skip|pass on)\b",
    ),
    japanese=(
        rf"(?:外|はず|消|け|取り消|とりけ|取りやめ|とりやめ)し{_ASKING}",
        rf"(?:削除|さくじょ|キャンセル|きゃんせる|取り消し|とりけし|取消){_DOING}",
        r"(?:キャンセル|きゃんせる)(?:で|します|して)",
        # the noun alone at the end, telegraphic: 「経済分科会削除」
        r"(?:削除|さくじょ|キャンセル|きゃんせる|取り消し|とりけし|取消)[。！!\s]*$",
        # not 〜ないといけない, 〜なければいけない, 〜てはいけない: must, must not
        r"(?<!と)(?<!ば)(?<!ては)(?<!では)(?<!ちゃ)(?<!じゃ)(?:行け|いけ)(?:ません|ない|なく)",
        r"(?:参加でき|さんかでき|出られ|でられ|出席でき)(?:ません|ない|なく)",
        r"(?:行か|いか)ない(?:ので|から|です)",
        r"欠席",
        r"(?:登録|とうろく)(?:を|は)?(?:解除|かいじょ)",  # a session's, not the bot's
        r"不参加",
        r"(?:やめ|止め)(?:とき|ておき|とく|ます|る)",
        r"きゃんせるして",
        r"キャンセルして",
        r"やっぱ(?:り)?(?:やめ|なし)",
    ),
)
_DELAY = re.compile(
    r"(\d{1,3})\s*(?:h\b|heures?|hours?|時間|じかん|jikan\b)"
    r"|(\d{1,4})\s*(?:min\w*|mn|分|ふん|ぷん|pun\b|fun\b)"  # romaji left as typed: "30pun mae"
)


# 「一時間前」「三十分前」: kanji numerals before a delay (「十分」 alone is "enough").
_KANJI_DELAY = re.compile(r"([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)(分|時間)前")
_KANJI_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


def _arabic(match: re.Match[str]) -> str:
    tens, ten, units = match[1], match[2], match[3]
    if not (tens or ten or units):
        return match[0]
    if ten:
        number = _KANJI_DIGITS.get(tens, 1) * 10 + _KANJI_DIGITS.get(units, 0)
    else:
        number = _KANJI_DIGITS.get(tens or units, 0)
    return f"{number}{match[4]}前"


# "une demi-heure avant", "an hour before": the delays said in words.
_WORDS_DELAY = (
    (re.compile(r"\b(?:une |a |one )?demi[- ]heure\b|\bhalf an hour\b"), "30 min"),
    (re.compile(r"\b(?:un )?quart d'heure\b|\b(?:a )?quarter of an hour\b"), "15 min"),
    (re.compile(r"\b(?:une|an|one) (?:heure|hour)\b"), "1 h"),
    (re.compile(r"\b(?:deux|two) (?:heures|hours)\b"), "2 h"),
)
# "vingt minutes", "ten minutes": the numbers delegates spell out before minutes.
_NUMBERS = {
    "cinq": 5, "dix": 10, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
    "quarante-cinq": 45, "soixante": 60, "five": 5, "ten": 10, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60,
    # Belgian and Swiss French
    "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}  # fmt: skip
_SPELT_MINUTES = re.compile(r"\b(" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r") min")


def _in_digits(folded: str) -> str:
    for words, digits in _WORDS_DELAY:
        folded = words.sub(digits, folded)
    return _SPELT_MINUTES.sub(lambda m: f"{_NUMBERS[m[1]]} min", folded)


# Two delays named: the one said to be too short is not the one wanted ("15 minutes' warning
# is a bit tight, 30 would suit me", "1 hour before please, 15 min is too short").
_TOO_SHORT = re.compile(r"\b(?:too|tight|short|not enough|trop|court|pas assez)\b")
# The delay turned down: 「15分前ではなく10分前に」, "10 min instead of 15", « pas 15 mais 10 »
# (「ては」「しゃ」: the accent-folded form drops the dakuten).
_REFUSED_AFTER = re.compile(
    r"^\W*(?:前|まえ)?\W*(?:[でて]は|[じし]ゃ|[でて])なく|^\W*(?:before\W+)?(?:instead|rather)\b"
)
_REFUSED_BEFORE = re.compile(r"\b(?:instead of|rather than|au lieu de|plutot que|not|pas)\W*$")


def _delay(forms: Forms) -> int | None:
    said = list(_DELAY.finditer(_in_digits(forms.latin)))
    if not said:
        said = list(_DELAY.finditer(_KANJI_DELAY.sub(_arabic, forms.kana)))
    if not said:
        return None
    ends = [m.start() for m in said[1:]] + [len(said[0].string)]
    wanted = [
        m
        for m, end in zip(said, ends, strict=True)
        if not _TOO_SHORT.search(m.string[m.end() : min(end, m.end() + 40)])
    ]
    if len(said) > 1:
        wanted = [
            m
            for m in wanted
            if not _REFUSED_AFTER.search(m.string[m.end() : m.end() + 12])
            and not _REFUSED_BEFORE.search(m.string[max(0, m.start() - 16) : m.start()])
        ]
    found = wanted[0] if wanted else said[0]
    minutes = int(found[1]) * 60 if found[1] else int(found[2])
    return minutes if 1 <= minutes <= 24 * 60 else None


async def _named(turn: Turn, text: str, verb: str) -> list[Reply] | None:
    """add/remove a named session; its card (with the button) when several fit."""
    shown = await programme_of(turn)
    tracks, today = turn.deps.conference.tracks, local_day(turn.deps, turn.now)
    # described first: "le sanctuaire cet après-midi", 「木曜の朝のパネル」 tell one apart
    described = described_sessions(text, shown.sessions, tracks, turn.deps.tz, today)
    found = described if len(described) == 1 else named_sessions(text, shown.sessions, tracks)
    found = found or described
    if len(found) > 1:  # "la table ronde de demain": the day named tells them apart
        day = parse_day(text, local_day(turn.deps, turn.now), shown.days(turn.deps))
        on_that_day = [s for s in found if local_day(turn.deps, s.starts_at) == day]
        found = on_that_day or found
    if len(found) == 1:
        return await turn.run(verb, found[0].id)
    if found:
        turn.understood_as(verb, ",".join(s.id for s in found))
        return [replies.search_reply(turn.deps, turn.lang, shown, found)]
    return None


# 「設定して」: setting something up, not the settings page.
SETTING_UP = Words(japanese=(rf"(?:設定|せってい){_DOING}",))


# "stop les notifs", no workshop named, no word of changes: when the delegate follows no
# workshop, the reminders before sessions are the only pings they get.
PINGS = Words(
    latin=(r"notif\w*", r"alertes?", r"alerts?", r"sonne\w*", r"buzz\w*", r"ring\w*"),
    japanese=(r"通知", r"つうち", r"鳴"),
)
CHANGES = Words(
    latin=(r"chang\w*", r"modif\w*", r"mises? a jour", r"updates?"),
    japanese=(r"変更", r"へんこう", r"変わ", r"かわ", r"更新"),
)


# Who is to be told, or a request made: « préviens-moi », "keep us posted", "I want…", "please".
_TOLD = Words(
    latin=(
        r"me|moi|m'|nous|us|i|i'd|i'm|i'll|je|j'|my|mes|mon|ma|please|pls|svp|stp"
        r"|s'il (?:vous|te) plait",
    )
)


def _asks_to_be_told(forms: Forms) -> bool:
    """A request to follow, not a word of following in a question about something else
    ("any updates on the declaration?", « le Japon a un système d'alerte, on en parle ? »):
    someone to tell, a request, a stop, or the verb first ("follow the economy workshop"). Japanese
    leaves the person out: its verbs of following are read as they are."""
    if not re.search(r"[a-z]", forms.latin) or re.search(r"[ぁ-ゖ一-龯]", forms.kana):
        return True
    first = any(m.start() == 0 and m.string is forms.latin for m in FOLLOW.finditer(forms))
    return first or _TOLD.search(forms) or NOT_ANY_MORE.search(forms)


# Sentences: a request and its session are said in the same one.
SENTENCES = re.compile(r"(?<=[。？！?!])|(?<=\.)\s|\n")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCES.split(text) if s.strip()]


def _adds(turn: Turn, text: str) -> bool:
    """Without "my agenda", the verb and the session in one sentence: 「閉会式は何時に終わり
    ますか。帰りの新幹線を予約したいので」 asks about the closing; the booking is a train's."""
    parts = sentences(text)
    if len(parts) < 2:
        return True
    tracks = turn.deps.conference.tracks
    return any(ADD.search(Forms(s)) and find_track(s, tracks) for s in parts)


# "ce que j'ai choisi": the agenda, without the word.
MINE = Words(
    latin=(
        r"ce que j'ai (?:choisi|ajoute|selectionne|retenu|garde|note|enregistre|mis de cote|prevu)",
        r"(?:qu'?est-ce que j'ai|qu'ai-je) (?:choisi|ajoute|selectionne|retenu|garde|note"
        r"|enregistre|prevu)",
        r"what i(?:'ve| have)? (?:chosen|chose|picked|selected|saved|added)",
        r"what (?:have|did) i (?:chosen|choose|chose|picked|pick|selected|select|saved|save"
        r"|added|add)",
        r"my (?:picks|choices|selection)",
        # « les séances que j'ai enregistrées », "the sessions I saved"
        r"(?:les \w+|celles|ceux) que j'ai (?:choisi|ajoute|selectionne|retenu|garde|note"
        r"|enregistre|mis|prevu)\w*",
        r"(?:what|which) (?:sessions?|talks|events|ones) (?:did|have) i (?:save|saved|add|added"
        r"|pick|picked|choose|chosen|select|selected|book|booked)\b",
        r"(?:sessions?|talks|events|ones) i(?:'ve| have)? (?:saved|added|picked|chose|chosen"
        r"|selected|booked)\b",
    )
)


async def understand(turn: Turn, text: str) -> list[Reply] | None:
    forms = Forms(text)
    # « mes réglages ? je ne sais plus ce que j'ai choisi »: the settings, not the agenda
    if MINE.search(forms) and not SETTINGS.search(forms):
        return await turn.run("agenda")
    tracked = find_track(text, turn.deps.conference.tracks)
    if FORGET.search(forms) and not (tracked and REMOVE_NOW.search(forms)):
        return await turn.run("forget")  # not 「経済分科会の登録を解除して」: the session
    in_agenda = AGENDA.search(forms)
    calendar = CALENDAR.search(forms) and (in_agenda or SCHEDULE.search(forms))
    if HOW.search(forms) and (CALENDAR_FILE.search(forms) or calendar):
        return await turn.run("agenda", "ics")  # "how do I get it in my calendar": the file
    if HOW.search(forms) or choosing_workshop(text):
        return None  # "comment marchent les rappels ?", "où on le met ?": the FAQ explains
    setting_up = SETTING_UP.search(forms) and (REMINDERS.search(forms) or FOLLOW.search(forms))
    if SETTINGS.search(forms) and not setting_up:
        # not 「リマインダーを10分前に設定して」 (a reminder), nor 「変更をお知らせいただけるよう
        # 設定をお願いします」 (following the workshop): something else is set up
        return await turn.run("settings")
    recalled = RECALL.search(forms) and _delay(forms) is None and not BEFORE.search(forms)
    if REMINDERS.search(forms) and not recalled:
        minutes = _delay(forms)
        if minutes is not None:
            return await turn.run("reminders", str(minutes))
        return await turn.run("reminders", "off" if NOT_ANY_MORE.search(forms) else "on")
    if FOLLOW.search(forms) and not AGENDA.search(forms) and _asks_to_be_told(forms):
        stop = NOT_ANY_MORE.search(forms)
        pings = PINGS.search(forms) and not CHANGES.search(forms)
        workshops = {t.code for t in turn.deps.conference.tracks if t.workshop}
        if pings and tracked not in workshops:
            tracked = None  # « arrête les notifs, ça sonne pendant la visite »: not the visits'
        target = tracked or ("all" if ALL.search(forms) else "")
        if not target and not stop and pings and SWITCHED_ON.search(forms):
            return await turn.run("reminders", "on")
        if not target and stop:
            if pings and not await store.subscriptions(turn.db, turn.delegate.id):
                return await turn.run("reminders", "off")
            return await turn.run("settings")  # both switches shown: which pings is unclear
        return await turn.run("unfollow" if stop else "follow", target)
    # 「登録した予定をカレンダーに入れたい」: the file, not the list of what was saved
    if CALENDAR_FILE.search(forms):
        return await turn.run("agenda", "ics")
    if in_agenda and ALREADY.search(forms):
        return await turn.run("agenda")
    if calendar:
        return await turn.run("agenda", "ics")
    if (REMOVE.search(forms) or REMOVE_NOW.search(forms)) and in_agenda:
        named = await _named(turn, text, "remove")
        if named is not None:
            return named
        turn.understood_as("remove")
        buttons = (Button(turn.t("button-agenda"), "/agenda"),)
        return [turn.reply(ReplyKind.AGENDA, "agenda-remove-which", buttons)]
    # « je ne vais pas à la réception en costume, c'est grave ? » asks; it removes nothing
    asked = text.rstrip().endswith(("?", "？")) and not REMOVE.search(forms)
    if REMOVE_NOW.search(forms) and not in_agenda and not asked:
        named = await _named(turn, text, "remove")
        if named is not None:
            return named
    adds = (ADD.search(forms) and not NEEDED.search(forms)) or text.lstrip().startswith("+")
    if adds and (in_agenda or (tracked and not ASKS_WHAT.search(forms) and _adds(turn, text))):
        named = await _named(turn, text, "add")
        if named is not None:
            return named
        if in_agenda:
            turn.understood_as("add")
            buttons = (Button(turn.t("button-programme"), "/programme"),)
            return [turn.reply(ReplyKind.AGENDA, "agenda-add-which", buttons)]
    if in_agenda and not adds:
        return await turn.run("agenda")
    return None
