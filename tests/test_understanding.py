"""Delegates as they really write: requests in words, noise, off-topic messages, one-tap-free
answers, before and after the Rencontres. Through the whole conversation, in fr, ja and en."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.app import App
from db.models import Delegate, UnansweredQuestion
from handlers.core.homophones import Edition, repair
from handlers.core.understanding import Outcome
from handlers.faq.replies import split_answer
from tests.chat import Chat
from tests.conftest import FixedClock

JST = ZoneInfo("Asia/Tokyo")


async def test_every_command_in_french_words(app: App, fr: Chat) -> None:
    assert await fr.understood("ajoute l'atelier 2 à mon agenda") == ("add", "ws-society")
    _, text, _, _, intent = await fr.say("montre-moi mon agenda")
    assert intent == "agenda" and "Atelier 2" in text
    assert await fr.understood("retire l'atelier 2 de mon agenda") == ("remove", "ws-society")
    assert await fr.understood("je veux suivre l'atelier environnement") == (
        "follow",
        "environment",
    )
    assert await fr.understood("je veux un rappel 30 minutes avant") == ("reminders", "30")
    assert await fr.understood("mes paramètres") == ("settings", "")
    assert await fr.understood("tu sers à quoi ?") == ("help", "")
    lang, text, _, _, intent = await fr.say("passer en anglais")
    assert intent == "lang" and lang == "en" and text.startswith("Done")
    async with app.sessionmaker() as db:
        marie = await db.scalar(select(Delegate).where(Delegate.channel_user_id == "marie"))
    assert marie is not None and marie.language == "en" and marie.reminder_minutes == 30


async def test_forget_in_words_still_asks_first(app: App, fr: Chat) -> None:
    _, _, buttons, _, intent = await fr.say("effacez toutes mes données")
    assert intent == "forget" and "/forget yes" in buttons
    async with app.sessionmaker() as db:
        assert await db.scalar(select(Delegate).where(Delegate.channel_user_id == "marie"))


async def test_every_command_in_japanese_words(app: App, ja: Chat) -> None:
    assert await ja.understood("第２分科会をマイアジェンダに追加して") == ("add", "ws-society")
    assert (await ja.understood("自分の予定を見せて"))[0] == "agenda"
    assert await ja.understood("環境分科会に変更があったら通知してください") == (
        "follow",
        "environment",
    )
    assert await ja.understood("リマインダーを10分前にして") == ("reminders", "10")
    assert await ja.understood("通知を止めたい") == ("settings", "")  # both switches shown
    lang, _, _, _, intent = await ja.say("フランス語に変えて")
    assert (intent, lang) == ("lang", "fr")


async def test_japanese_requests_in_their_many_forms(app: App, ja: Chat) -> None:
    """A verb asked for politely, plainly or casually (〜したい, 〜してほしい, 〜お願いします),
    in kanji or kana only, is the same request."""
    assert await ja.understood("経済分科会を削除したい") == ("remove", "ws-economy")
    assert await ja.understood("閉会式は行けなくなりました") == ("remove", "closing")
    assert await ja.understood("麻機の視察をキャンセルしたいです") == ("remove", "visit-asahata")
    # cancelling a session's registration is not erasing one's data
    assert await ja.understood("第2分科会の登録を取り消してください") == ("remove", "ws-society")
    assert await ja.understood("しゃかいぶんかかいをよていについかして") == ("add", "ws-society")
    # setting a reminder up is not the settings page; looking at them is
    assert await ja.understood("リマインダーを10分前に設定してください") == ("reminders", "10")
    assert await ja.understood("リマインダーを設定したい") == ("reminders", "on")
    assert await ja.understood("リマインダーの設定を見たい") == ("settings", "")
    assert (await ja.understood("どうやって使うの？"))[0] == "help"
    assert await ja.understood("環境分科会やめときます") == ("remove", "ws-environment")
    assert await ja.understood("社会分科会の最新情報がほしい") == ("follow", "society")
    assert await ja.understood("経済分科会の変更を知りたいです") == ("follow", "economy")
    assert await ja.understood("kankyou bunkakai wo follow shitai") == ("follow", "environment")
    assert await ja.understood("リマインダー無効にしてください") == ("reminders", "off")
    assert await ja.understood("rimaindaa ofu") == ("reminders", "off")
    assert await ja.understood("リマインダーいらんわ") == ("reminders", "off")
    # kanji numerals, and 「十分」 only as ten minutes before
    assert await ja.understood("一時間前にリマインドお願いします") == ("reminders", "60")
    assert await ja.understood("三十分前に知らせてほしい") == ("reminders", "30")
    assert await ja.understood("十五分前に通知して") == ("reminders", "15")
    assert (await ja.understood("アカウントを削除したい"))[0] == "forget"
    assert (await ja.understood("どんなことが聞けますか"))[0] == "faq"
    # the verb left out, a wish instead of a verb, a noun of doing with 「で」
    assert await ja.understood("経済分科会をマイアジェンダへ") == ("add", "ws-economy")
    assert await ja.understood("浅間神社視察に参加希望です") == ("add", "visit-sengen")
    assert await ja.understood("社会分科会に出たい") == ("add", "ws-society")
    assert await ja.understood("社会分科会、削除で") == ("remove", "ws-society")
    assert await ja.understood("閉会式の登録取消をお願いします") == ("remove", "closing")
    assert (await ja.understood("お気に入り一覧"))[0] == "agenda"
    assert (await ja.understood("自分の登録状況を確認したい"))[0] == "agenda"
    assert await ja.understood("環境分科会に変更があれば教えてください") == (
        "follow",
        "environment",
    )
    assert await ja.understood("環境分科会のフォロー外して") == ("unfollow", "environment")
    assert (await ja.understood("言語設定を英語に"))[0] == "lang"
    # keigo: 「お願いできますか」 asks for it, it does not ask whether it can be done
    assert await ja.understood("経済分科会への参加登録をお願いできますか") == ("add", "ws-economy")
    assert await ja.understood("歓迎交流会の予定を取り消していただけますか") == (
        "remove",
        "reception",
    )
    assert (await ja.understood("利用方法を教えてください"))[0] == "help"


async def test_japanese_requests_in_romaji_and_kana(app: App, ja: Chat) -> None:
    """The vocabularies' kanji compounds are also read in kana (「参加」 as 「さんか」), and a
    long vowel mark matches the vowel written out, as romaji gives it ('sukejuuru')."""
    assert (await ja.understood("jibun no sukejuuru wo mitai"))[0] == "agenda"
    assert await ja.understood("kangei kouryuukai ni sanka shitai") == ("add", "reception")
    assert (await ja.understood("deeta wo zenbu sakujo shite"))[0] == "forget"
    assert await ja.understood("15fun mae ni oshiete") == ("reminders", "15")
    assert await ja.understood("30 pun mae ni tsuuchi shite") == ("reminders", "30")
    assert await ja.understood("eigo de onegaishimasu") == ("lang", "en")
    assert (await ja.understood("sukejuuru misete"))[0] == "schedule.programme"
    # questions, not requests: how the reminders work, where the next edition is
    assert (await ja.understood("リマインダーって何分前に来るの"))[0] == "faq"
    assert await ja.understood("次はフランスのどこでやるの") == ("faq", "history-edition-9")


async def test_french_and_english_requests_in_more_forms(app: App, fr: Chat) -> None:
    english = Chat(app, fr.clock, "kate", "en")
    assert (await fr.understood("qu'est-ce que j'ai prévu ?"))[0] == "agenda"
    assert (await english.understood("what have I saved?"))[0] == "agenda"
    assert await fr.understood("je participerai à la réception de bienvenue") == (
        "add",
        "reception",
    )
    assert await fr.understood("finalement je n'irai pas à la réception") == ("remove", "reception")
    assert await fr.understood("désinscris-moi de l'atelier société") == ("remove", "ws-society")
    # the kind's name ("ceremony") does not name the opening as well as the closing
    assert await english.understood("I'd like to attend the closing ceremony, please add it") == (
        "add",
        "closing",
    )
    # a delay in words
    assert await fr.understood("préviens-moi une demi-heure avant") == ("reminders", "30")
    assert await english.understood("remind me an hour before each session") == ("reminders", "60")
    assert await english.understood("half an hour reminder please") == ("reminders", "30")
    assert await english.understood("no reminders please") == ("reminders", "off")
    assert await english.understood("count me in for the society workshop") == (
        "add",
        "ws-society",
    )
    assert await english.understood("I'll be at the welcome reception") == ("add", "reception")
    assert await english.understood("scratch the reception") == ("remove", "reception")
    assert await english.understood("I'm not going to the society workshop after all") == (
        "remove",
        "ws-society",
    )
    assert (await english.understood("how does this bot work?"))[0] == "help"
    assert await fr.understood("pas de rappels merci") == ("reminders", "off")
    # SMS French
    assert await fr.understood("vire la réception de mon agenda") == ("remove", "reception")
    assert await fr.understood("tiens moi au jus pour l'atelier env") == ("follow", "environment")
    assert await fr.understood("jveux plus les notifs de l'atelier env") == (
        "unfollow",
        "environment",
    )
    assert (await fr.understood("oubliez-moi"))[0] == "forget"
    assert (await fr.understood("je veux me désinscrire complètement du bot"))[0] == "forget"
    assert (await fr.understood("qu'est-ce que tu sais faire ?"))[0] == "help"
    assert (await fr.understood("comment on t'utilise ?"))[0] == "help"
    assert await english.understood("switch to french") == ("lang", "fr")
    assert (await english.understood("remets le français"))[0] == "lang"


async def test_japanese_schedule_questions_in_kana_and_lists(app: App, ja: Chat) -> None:
    # 「ぶんかかい」 starts every workshop's name, not only the workshop reports'
    assert await ja.understood("しゃかいぶんかかいのばしょ") == ("schedule.track", "society")
    assert (await ja.understood("どんな分科会がある？"))[0] == "workshops"
    # the three workshops, listed, or the entry that presents them
    assert await ja.understood("分科会は何がありますか") in {
        ("workshops", ""),
        ("faq", "workshops-overview"),
    }


async def test_requests_in_words_as_delegates_type_them(app: App, fr: Chat, ja: Chat) -> None:
    english = Chat(app, fr.clock, "kate", "en")
    # a title word picks one session of a kind ("la visite" alone names three)
    assert await fr.understood("mettez la visite d'Asahata dans mon agenda svp") == (
        "add",
        "visit-asahata",
    )
    assert await fr.understood("+ pot d'accueil dans mon planning") == ("add", "reception")
    assert await ja.understood("へいかいしきもいれといて") == ("add", "closing")
    assert await ja.understood("閉会式はやっぱり外して") == ("remove", "closing")
    assert (await ja.understood("追加したセッションを見たい"))[0] == "agenda"
    assert await ja.understood("icsでほしい") == ("agenda", "ics")
    assert await fr.understood("tenez-moi averti si l'atelier société change d'horaire") == (
        "follow",
        "society",
    )
    assert await english.understood("ping me 20 min before each session") == ("reminders", "20")
    # a question about sessions, or about a topic, is not a request
    assert (await english.understood("what is the Asahata visit, can observers join?"))[0] != "add"
    assert (await fr.understood("l'atelier société parle de la garde d'enfants ?"))[0] != "add"
    # the language asked for, not the one refused; "how do I" is for the FAQ
    lang, _, _, _, intent = await english.say("reply in french from now on, not in english")
    assert (intent, lang) == ("lang", "fr")
    assert (await fr.understood("comment je mets le bot en japonais ?"))[0] == "faq"
    assert (await english.understood("today's schedule in english please"))[0] == "schedule.day"
    assert await fr.understood("je préfère le japonais") == ("lang", "ja")
    assert (await fr.understood("le titre de l'atelier 3 en japonais ?"))[0] != "lang"
    assert await fr.understood("rajoute la visite de Mochimune à mes sessions") == (
        "add",
        "visit-mochimune",
    )
    assert await fr.understood("je ne pourrai pas venir au pot, enlève-le") == (
        "remove",
        "reception",
    )
    assert (await fr.understood("de quoi es-tu capable ?"))[0] == "help"
    assert await fr.understood("tenez-moi au courant pour l'atelier 1") == ("follow", "economy")
    assert await ja.understood("スマホのカレンダーに取り込みたい") == ("agenda", "ics")
    assert (await ja.understood("FAQの一覧を見たい"))[0] == "faq"
    assert (await fr.understood("tu peux me montrer ce que j'ai retenu ?"))[0] == "agenda"
    assert (await fr.understood("jcomprends rien a ce bot"))[0] == "help"
    assert await fr.understood("je pourrai pas venir au pot d'accueil") == ("remove", "reception")
    # questions, not requests
    assert (await fr.understood("faut-il s'inscrire pour le pot d'accueil ?"))[0] != "add"
    assert (await fr.understood("quelle est la langue de travail de la plénière ?"))[0] != "lang"
    # "I cannot find the room" is not "remove it"
    assert (await fr.understood("je ne peux pas trouver la salle de l'atelier 2"))[0] != "remove"
    # casual Japanese requests
    assert (await ja.understood("保存してるやつを確認したい"))[0] == "agenda"
    assert await ja.understood("歓迎交流会には出席します") == ("add", "reception")
    assert await ja.understood("第2パネルは欠席なので外しといて") == ("remove", "plenary-panel-2")
    assert await ja.understood("経済分科会の変更あったら知らせて") == ("follow", "economy")
    # the workshops in general, unless the words are one session's title
    # romaji with a borrowed word, a kanji of the same sound, explaining something
    assert await ja.understood("heikaishiki wo agenda ni tsuika shite") == ("add", "closing")
    # (「開回式」 sounds like the programme's 開会式, the opening ceremony itself)
    assert await ja.understood("開回式は何時から？") == ("schedule.search", "opening")
    assert (await ja.understood("分科会のテーマを説明して"))[0] != "help"
    # a place name in kana, as the romanised title spells it (the dictionary reads 麻機 あさき)
    assert await ja.understood("あさはたちくのしさつをついかして") == ("add", "visit-asahata")
    assert await english.understood("can i get an ics calendar of my sessions") == (
        "agenda",
        "ics",
    )
    # where to find something is not where a session is
    assert (await ja.understood("閉会式の宣言文はどこで読めますか"))[0] != "schedule.track"
    assert (await english.understood("where can i download the closing declaration"))[0] != (
        "schedule.track"
    )
    # a session named with its day or its kind: that session, not the day or the kind
    assert await fr.understood("la visite du sanctuaire cet après-midi, c'est où ?") == (
        "schedule.search",
        "visit-sengen",
    )
    assert await english.understood("what time is the second panel discussion") == (
        "schedule.search",
        "plenary-panel-2",
    )
    assert await fr.understood("la séance de restitution des ateliers, c'est quand ?") == (
        "schedule.search",
        "workshop-reports",
    )


async def test_noise_typos_sms_romaji_kana_widths(fr: Chat, ja: Chat) -> None:
    assert await fr.understood("atlier environement c ou ?") == ("schedule.track", "environment")
    assert await fr.understood("c koi le prog de dmain") == ("schedule.day", "2024-11-21")
    lang, text, _, _, intent = await ja.say("kaijou doko desu ka")
    assert (intent, lang) == ("schedule.venue", "ja") and "静岡" in text
    assert await ja.understood("かんきょうぶんかかいはなんじから") == (
        "schedule.track",
        "environment",
    )
    assert await ja.understood("２１日のﾌﾟﾛｸﾞﾗﾑ") == ("schedule.day", "2024-11-21")


async def test_off_topic_is_declined_before_a_day_word(app: App, fr: Chat, ja: Chat) -> None:
    for chat, text in ((fr, "quel temps demain ?"), (ja, "明日は雨ですか")):
        _, reply, buttons, outcome, _ = await chat.say(text)
        assert outcome is Outcome.OFF_TOPIC
        assert "organisateurs" not in reply and "事務局" not in reply  # nothing was passed on
        assert "/programme" in buttons
    english = Chat(app, fr.clock, "john", "en")
    lang, reply, _, outcome, _ = await english.say("wifi password?")
    assert outcome is Outcome.OFF_TOPIC and lang == "en" and reply.startswith("I can only")
    for text in ("where can I exchange money", "je voudrais changer de l'argent"):
        assert (await english.say(text))[3] is Outcome.OFF_TOPIC
    assert (await english.understood("how do I change the language?"))[0] == "faq"
    async with app.sessionmaker() as db:
        assert (await db.scalars(select(UnansweredQuestion))).all() == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "tu connais une bonne blague ?"),
        ("fr", "le match de rugby de ce soir, qui gagne ?"),
        ("fr", "on laisse un pourboire au restaurant ici ?"),
        ("en", "how much is 5000 yen in euros"),
        ("en", "is it sunny tomorrow, can we see fuji-san?"),
        ("ja", "きょうあめふるかな"),
        ("ja", "駅の近くにおいしいおでん屋さんある？"),
        ("ja", "明日は曇りですか"),
        ("fr", "il y a une supérette ouverte le soir ?"),
        ("fr", "on mange où ce soir ?"),
        ("fr", "comment dit-on « bon appétit » en japonais ?"),
        ("en", "where can I charge my phone, do I need a power adapter"),
        ("ja", "会場の近くにコンビニはありますか"),
        ("ja", "こんにちは！"),
        ("fr", "demain il fera 5 degrés le matin ?"),
        ("fr", "je prends ma doudoune pour la soirée de demain ?"),
        ("en", "how many degrees tonight"),
    ],
)
async def test_small_talk_and_city_life_are_declined(
    app: App, clock: FixedClock, language: str, text: str
) -> None:
    chat = Chat(app, clock, f"someone-{language}", language)
    _, _, _, outcome, _ = await chat.say(text)
    assert outcome is Outcome.OFF_TOPIC


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "soutenir les petits magasins du centre-ville, c'est quel atelier ?"),
        ("fr", "nos musées municipaux, dans quel atelier ?"),
        ("en", "we run a food bank, which workshop is that?"),
        ("ja", "温泉地の観光振興はどの分科会ですか"),
        ("fr", "y aura-t-il une interprétation simultanée ?"),  # not the "SIM" of a SIM card
    ],
)
async def test_a_workshop_topic_with_a_city_word_is_not_declined(
    app: App, clock: FixedClock, language: str, text: str
) -> None:
    chat = Chat(app, clock, f"delegate-{language}", language)
    _, _, _, outcome, _ = await chat.say(text)
    assert outcome is not Outcome.OFF_TOPIC


async def test_thanks_get_a_word_back_and_nothing_is_stored(app: App, fr: Chat, ja: Chat) -> None:
    for chat, text, expected in (
        (fr, "merci beaucoup !", "Avec plaisir"),
        (ja, "ありがとうございました", "どういたしまして"),
    ):
        _, reply, _, outcome, _ = await chat.say(text)
        assert outcome is Outcome.OFF_TOPIC and reply.startswith(expected)
    async with app.sessionmaker() as db:
        assert (await db.scalars(select(UnansweredQuestion))).all() == []


async def test_a_long_answer_comes_in_two_parts(fr: Chat) -> None:
    _, first, buttons, _, _ = await fr.say("de quoi parle l'atelier environnement ?")
    assert len(first) <= 500 and first.endswith((".", ")", "»"))
    assert buttons[0] == "/faq workshop-environment more"
    _, rest, buttons, _, _ = await fr.say(buttons[0])
    assert rest and rest not in first and "/faq workshop-environment more" not in buttons


def test_split_answer_keeps_short_answers_whole() -> None:
    assert split_answer("Court.", "fr") == ("Court.", "")
    text = "Une phrase. " * 60
    first, rest = split_answer(text, "fr")
    assert first.endswith(".") and len(first) <= 401 and rest and first + " " + rest == text.strip()
    japanese = "これは文です。" * 50
    first, rest = split_answer(japanese, "ja")
    assert first.endswith("。") and len(first) <= 201


async def test_before_and_after_the_rencontres(fr: Chat, ja: Chat, clock: FixedClock) -> None:
    clock.now = datetime(2024, 11, 1, 10, 0, tzinfo=JST)
    _, text, _, _, _ = await fr.say("qu'est-ce qui se passe maintenant ?")
    assert text.startswith("Les Rencontres commencent dans 17 jours")
    _, text, _, _, _ = await ja.say("あしたのプログラム")
    assert text.startswith("会議の開幕まであと17日です")
    clock.now = datetime(2024, 12, 1, 10, 0, tzinfo=JST)
    _, text, _, _, _ = await fr.say("qu'est-ce qui se passe maintenant ?")
    assert text.startswith("Les Rencontres sont terminées")
    _, text, _, _, _ = await fr.say("programme du 20 novembre")
    first_line, _, rest = text.partition("\n")
    assert "terminées le jeu. 21 nov." in first_line and "Programme du mer. 20 nov." in rest
    _, text, _, _, _ = await fr.say("/programme 21")
    assert "jeu. 21 nov." in text


async def test_the_console_says_how_to_rehearse_a_conference_day(
    app: App, clock: FixedClock
) -> None:
    from bot.channels.console.channel import ConsoleChat

    clock.now = datetime(2026, 11, 29, 10, 0, tzinfo=JST)
    chat = ConsoleChat(app.conversation, user="newcomer", language="fr", clock=clock)
    assert "confbot console --now 2024-11-20T10:00" in await chat.rehearsal_hint("fr")
    rehearsing = ConsoleChat(
        app.conversation, user="newcomer", language="fr", clock=clock, rehearsing=True
    )
    assert await rehearsing.rehearsal_hint("fr") == ""
    clock.now = datetime(2024, 11, 20, 10, 0, tzinfo=JST)
    assert await chat.rehearsal_hint("ja") == ""  # a conference day: nothing to say


async def test_stopping_the_pings_stops_the_reminders_when_nothing_is_followed(
    app: App, fr: Chat, ja: Chat
) -> None:
    # following no workshop, the reminders are the only pings a delegate gets
    assert await fr.understood("arrête les notifications, ça sonne sans arrêt") == (
        "reminders",
        "off",
    )
    assert await ja.understood("通知はもう要らないです") == ("reminders", "off")
    # changes named: the follow switches, not the reminders
    assert await fr.understood("plus de notifs de changements merci") == ("settings", "")
    # a workshop followed: which pings is unclear, both switches are shown
    assert (await ja.understood("経済分科会の変更を知らせて"))[0] == "follow"
    assert await ja.understood("通知いらない") == ("settings", "")


async def test_no_longer_needing_a_workshop_unfollows_it(fr: Chat) -> None:
    assert await fr.understood("je veux suivre l'atelier économie") == ("follow", "economy")
    assert await fr.understood("plus besoin de suivre l'atelier économie") == (
        "unfollow",
        "economy",
    )
    assert await fr.understood("no longer need to follow the economy workshop") == (
        "unfollow",
        "economy",
    )


async def test_asking_how_to_do_something_is_answered_not_done(ja: Chat) -> None:
    # 「〜にはどうすればいい」 asks how: the FAQ explains, nothing is switched
    assert await ja.understood("英語に切り替えるにはどうしたらいいですか") == (
        "faq",
        "change-language",
    )
    lang, _, _, _, intent = await ja.say("フランス語に切り替えて")
    assert (intent, lang) == ("lang", "fr")


async def test_the_day_named_tells_two_sessions_of_one_name_apart(fr: Chat, ja: Chat) -> None:
    assert await fr.understood("ajoute la table ronde à mon agenda") == (
        "add",
        "plenary-panel-1,plenary-panel-2",
    )
    assert await fr.understood("mets la table ronde du 21 novembre dans mon agenda") == (
        "add",
        "plenary-panel-2",
    )
    assert await ja.understood("20日のパネルディスカッションをマイアジェンダに追加して") == (
        "add",
        "plenary-panel-1",
    )


async def test_saved_sessions_into_a_phone_calendar_is_the_calendar_file(ja: Chat) -> None:
    assert await ja.understood("追加した予定をスマホのカレンダーに取り込みたい") == (
        "agenda",
        "ics",
    )
    assert (await ja.understood("予定に何を登録したか見せて")) == ("agenda", "")


async def test_japanese_in_kana_and_in_katakana_french(ja: Chat) -> None:
    # a word in kana is not a session's name two thirds alike (「かいさい」, 「かいかいしき」)
    assert await ja.understood("かいさい としは どこ？") == ("faq", "host-city")
    assert await ja.understood("だいさんかいは どこで ひらかれましたか") == (
        "faq",
        "history-edition-3",
    )
    assert await ja.understood("アトリエ・トロワはサル何番ですか") == (
        "schedule.track",
        "environment",
    )
    assert await ja.understood("ﾈｸｽﾄのﾗﾝｺﾝﾄﾙはどこで開催？") == ("faq", "history-edition-9")


async def test_japanese_subject_named_with_its_workshop(ja: Chat) -> None:
    # the workshop named beside a subject is context: the subject's or the detail's entry
    assert await ja.understood("ゴミの分別は環境分科会で合ってますか") == ("faq", "topic-waste")
    assert await ja.understood("社会分科会で共働きの話が出るのはなぜ") == (
        "faq",
        "workshop-society-families",
    )
    # all the workshops named: the overview; one named: that one, not another asked alike
    assert await ja.understood("分科会が経済と社会と環境に分かれているのはどうして") == (
        "faq",
        "workshops-overview",
    )
    assert await ja.understood("環境分科会では何を話し合いますか") == (
        "faq",
        "workshop-environment",
    )


async def test_requests_in_other_persons_spellings_and_word_orders(app: App, fr: Chat) -> None:
    english = Chat(app, fr.clock, "ana", "en")
    # erasing one's data, in any person of the verb and any spelling of "data": still asked first
    _, _, buttons, _, intent = await fr.say("j'aimerais que vous effaciez l'ensemble de mes infos")
    assert intent == "forget" and "/forget yes" in buttons
    assert await english.understood("wipe my personal details from your bot please") == (
        "forget",
        "",
    )
    # learners' English
    assert await english.understood("what u can do for me?") == ("help", "")
    assert await english.understood("show me my parameters") == ("settings", "")
    assert await english.understood("which topics can you answer?") == ("faq", "")
    # « le planning » is the programme; « mon planning » the agenda
    assert await fr.understood("c'est quoi le planning de demain ?") == (
        "schedule.day",
        "2024-11-21",
    )
    assert await fr.understood("on fait quoi aujourdhui") == ("schedule.day", "2024-11-20")


async def test_a_question_on_what_the_bot_does_is_not_a_request(
    app: App, fr: Chat, ja: Chat
) -> None:
    english = Chat(app, fr.clock, "ana", "en")
    for chat, text in (
        (english, "how the reminders work?"),
        (english, "will I be told if a session in my agenda moves?"),
        (fr, "est-ce que je recevrai une alerte si mon atelier change de salle ?"),
        (ja, "セッションの時間が変わったら自動で通知されますか"),
    ):
        assert await chat.understood(text) == ("faq", "reminders"), text
    # « me rappeler le thème »: tell me again, not a reminder
    assert (await fr.understood("tu peux me rappeler le titre du thème général ?"))[0] == "faq"
    assert await fr.understood("rappelle-moi 5 minutes avant chaque séance") == ("reminders", "5")


async def test_polite_japanese_requests_and_mixed_romaji(fr: Chat, ja: Chat) -> None:
    assert await ja.understood("登録されているセッションを一覧で見せていただけますでしょうか") == (
        "agenda",
        "",
    )
    assert await ja.understood(
        "社会分科会に変更がございましたら、お知らせいただけるよう設定をお願いいたします"
    ) == ("follow", "society")
    assert await ja.understood("リマインダーの設定を確認したいです") == ("settings", "")
    # romaji, French and a borrowed word in one message: the Latin words stay words
    assert await fr.understood("sanjuppun mae ni reminder onegai, 30 min avant") == (
        "reminders",
        "30",
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "le cours du yen aujourd'hui ?"),
        ("fr", "combien vaut un euro en ce moment"),
        ("en", "eur/jpy rate now?"),
        ("ja", "ドル円いまいくら？"),
        ("ja", "２０日夜　二次会　店"),
        ("en", "whats the wether thursday"),
        ("ja", "駿府城公園の紅葉は、今が見頃でしょうか。"),
        ("en", "Is there a famous tea museum which I can visit on Friday?"),
        ("en", "Is there a Sunday mass in a Catholic church near the venue?"),
        ("ja", "今朝は寒っ"),
        ("ja", "今日は冷えるね"),
        ("en", "what's the population of France?"),
        ("ja", "日本の首都ってどこ？"),
        ("ja", "交流会のあと、近くにおすすめの居酒屋ある？"),
    ],
)
async def test_money_weather_and_trivia_are_declined(
    app: App, clock: FixedClock, language: str, text: str
) -> None:
    chat = Chat(app, clock, f"tourist-{language}", language)
    assert (await chat.say(text))[3] is Outcome.OFF_TOPIC


async def test_a_session_question_with_an_off_topic_reason_is_answered(fr: Chat, ja: Chat) -> None:
    # the train or the taxi is in another sentence: the reason, not the question
    assert await ja.understood("開会式は何時からですか。タクシーを呼ぶ時間を決めたいので。") == (
        "schedule.search",
        "opening",
    )
    assert (await fr.understood("le déclin démographique au Japon, c'est quel atelier ?"))[
        0
    ] == "faq"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Est-ce qu'il y aura des interprètes dans les ateliers ?"),
        ("en", "where do I pick up my name tag tomorrow morning?"),
        ("ja", "名札はどこで受け取れますか"),
        ("en", "will the panel slides be online after the workshops?"),
        ("fr", "qui sont les panélistes de la deuxième table ronde ?"),
        ("ja", "全体会にレシーバーはありますか"),
        ("fr", "y a un parking pres du lieu de la pleniere ?"),
    ],
)
async def test_practicalities_nobody_gave_the_bot_are_passed_on(
    app: App, clock: FixedClock, language: str, text: str
) -> None:
    chat = Chat(app, clock, f"delegate-{language}", language)
    _, reply, _, outcome, _ = await chat.say(text)
    assert outcome is Outcome.FALLBACK and reply.startswith(
        {"fr": "Je n'ai pas", "ja": "このご質問", "en": "I have no"}[language]
    )
    async with app.sessionmaker() as db:
        stored = (await db.scalars(select(UnansweredQuestion))).all()
    assert [row.text for row in stored] == [text]


async def test_an_interpreter_asking_about_a_session_is_answered(app: App, fr: Chat) -> None:
    english = Chat(app, fr.clock, "interpreter", "en")
    assert await english.understood(
        "I interpret the economy workshop, at what time does it start?"
    ) == ("schedule.track", "economy")
    assert await english.understood(
        "remove the reception from my agenda, I have an interpretation job"
    ) == ("remove", "reception")


@pytest.mark.parametrize(
    ("language", "text", "understood"),
    [
        # how-questions, in any word order, are explained, not done
        ("fr", "changer de langue, ça marche comment ?", ("faq", "change-language")),
        ("fr", "Comment passer le bot en anglais ?", ("faq", "change-language")),
        ("ja", "通知の止め方を知りたいです", ("faq", "reminders")),
        ("ja", "げんごのきりかえかたは？", ("faq", "change-language")),
        # but the calendar file is the answer to "how do I get it in my calendar"
        ("fr", "comment importer mon agenda dans mon calendrier outlook ?", ("agenda", "ics")),
        # the help, politely or in learners' English
        ("ja", "使い方を教えていただけますでしょうか", ("help", "")),
        ("en", "how to use this bot", ("help", "")),
        ("fr", "quelles questions est-ce que je peux vous poser ?", ("faq", "")),
        # what I saved, with the noun; a session I will not attend after all
        ("fr", "montre les ateliers que j'ai retenus", ("agenda", "")),
        ("en", "which talks have i booked?", ("agenda", "")),
        ("fr", "je n'irai finalement pas à la réception", ("remove", "reception")),
        # numbers spelt out, humble Japanese, changes said another way
        ("fr", "préviens-moi quinze minutes avant chaque séance", ("reminders", "15")),
        ("en", "remind me ten minutes before", ("reminders", "10")),
        ("ja", "第2パネルに参加させていただきます", ("add", "plenary-panel-2")),
        ("ja", "経済分科会の変更内容があればお知らせください", ("follow", "economy")),
        ("en", "don't send me updates about the economy workshop", ("unfollow", "economy")),
        # dialects and learners' word orders
        ("ja", "おれの予定どうなってる？", ("agenda", "")),
        ("ja", "リマインダーはもうええわ", ("reminders", "off")),
        ("en", "how I can switch the language?", ("faq", "change-language")),
        ("fr", "on sera prévenus si l'atelier change d'horaire ?", ("faq", "reminders")),
        ("fr", "je zappe la visite d'Asahata", ("remove", "visit-asahata")),
        ("ja", "カレンダー形式のファイルがほしい", ("agenda", "ics")),
        # a workshop's Japanese name in romaji, in an English or a romaji sentence
        ("en", "follow dai 3 bunkakai please", ("follow", "environment")),
        ("ja", "dai 1 bunkakai wa nanji kara", ("schedule.track", "economy")),
        # keigo
        ("ja", "先ほど登録いたしました予定を拝見したいのですが", ("agenda", "")),
        ("ja", "社会分科会の登録を解除していただけますか", ("remove", "ws-society")),
        ("ja", "登録内容をGoogleカレンダーに同期したいです", ("agenda", "ics")),
        ("ja", "これからは英語でご返答いただけますか", ("lang", "en")),
        ("ja", "どういったことが可能なのでしょうか", ("help", "")),
        ("ja", "どういう内容について伺えますか", ("faq", "")),
        ("fr", "Pourriez-vous me dire ce que vous savez faire ?", ("help", "")),
        # telegraphic and SMS
        ("fr", "suppr l'atelier 3 de mon agenda", ("remove", "ws-environment")),
        ("fr", "suis l'atelier 2", ("follow", "society")),
        ("fr", "suis plus l'atelier 2", ("unfollow", "society")),
        ("fr", "tu as quoi comme thèmes ?", ("faq", "")),
        ("ja", "しゃかいぶんかかいさくじょ", ("remove", "ws-society")),
        ("en", "how I can use this bot?", ("help", "")),
        ("en", "tell me how you can help me", ("help", "")),
    ],
)
async def test_more_ways_of_asking(
    app: App, clock: FixedClock, language: str, text: str, understood: tuple[str, str]
) -> None:
    chat = Chat(app, clock, f"delegate-{language}", language)
    assert await chat.understood(text) == understood


@pytest.mark.parametrize(
    ("language", "text", "outcome"),
    [
        ("fr", "il fait super froid ce matin", Outcome.OFF_TOPIC),
        ("en", "it's so hot in here", Outcome.OFF_TOPIC),
        ("en", "usd rate now?", Outcome.OFF_TOPIC),
        ("fr", "le dollar est à combien ?", Outcome.OFF_TOPIC),
        ("fr", "quel est le climat de la France ?", Outcome.OFF_TOPIC),
        ("fr", "Les interventions seront-elles traduites ?", Outcome.FALLBACK),
        ("en", "is the lunch included?", Outcome.FALLBACK),
        ("ja", "お昼ご飯は用意されていますか", Outcome.FALLBACK),
        ("en", "when does the registration desk open?", Outcome.FALLBACK),
        ("fr", "on pourra télécharger les diapos des ateliers ?", Outcome.FALLBACK),
        ("fr", "ça caille ce soir", Outcome.OFF_TOPIC),
        ("ja", "ドルって今いくらくらい？", Outcome.OFF_TOPIC),
        ("fr", "l'accueil ouvre à quelle heure demain ?", Outcome.FALLBACK),
        ("fr", "les tables rondes seront-elles filmées ?", Outcome.FALLBACK),
        ("en", "is there japanese-english interpretation in the plenary?", Outcome.FALLBACK),
        ("en", "is there a fee for the welcome reception?", Outcome.FALLBACK),
        ("ja", "各自治体の発表は何分ぐらいですか", Outcome.FALLBACK),
        ("fr", "vous savez s'il fera froid vendredi ?", Outcome.OFF_TOPIC),
        ("fr", "Une traduction en anglais sera-t-elle proposée aux ateliers ?", Outcome.FALLBACK),
        ("en", "simultaneous interpretation in the plenary?", Outcome.FALLBACK),
    ],
)
async def test_more_off_topic_and_practicalities(
    app: App, clock: FixedClock, language: str, text: str, outcome: Outcome
) -> None:
    chat = Chat(app, clock, f"delegate-{language}", language)
    assert (await chat.say(text))[3] is outcome


async def test_a_topic_or_a_slide_is_not_a_practicality(fr: Chat) -> None:
    # a hot topic, one slide's content: questions for the FAQ
    assert (await fr.say("le tourisme est un sujet très chaud chez nous, quel atelier ?"))[
        3
    ] is Outcome.ANSWERED
    assert (await fr.understood("la diapo du millefeuille des ODD, ça représente quoi ?"))[
        0
    ] == "faq"


@pytest.mark.parametrize(
    ("text", "understood"),
    [
        # the bot's Japanese words typed in romaji inside an English sentence
        ("which bunkakai should our city pick for its happyou?", ("faq", "how-to-present")),
        (
            "our machi gets smaller and older, which bunkakai for this mondai?",
            ("faq", "topic-population-decline"),
        ),
        ("what is on right now, ima?", ("schedule.now", "")),
        ("what time is the kangei kouryuukai?", ("schedule.track", "reception")),
        ("keizai no bunkakai wa doko? which room", ("schedule.track", "economy")),
        ("add the shakai bunkakai to my agenda please", ("add", "ws-society")),
        ("Eigo de onegai, I can't read French well", ("lang", "en")),
        # indirect British English
        ("what day does it all wrap up?", ("faq", "dates")),
        ("could you list the breakout sessions for me?", ("workshops", "")),
        ("remind me what I've signed up for", ("agenda", "")),
        ("could you pop the welcome do into my diary?", ("add", "reception")),
        ("please keep me posted if the environment strand shifts", ("follow", "environment")),
        ("ten minutes' warning is too short, twenty minutes would be better", ("reminders", "20")),
        ("I'd rather you didn't keep my details afterwards", ("forget", "")),
        ("so where is the whole event being held?", ("schedule.venue", "")),
    ],
)
async def test_english_with_romaji_and_british_idiom(
    app: App, clock: FixedClock, text: str, understood: tuple[str, str]
) -> None:
    chat = Chat(app, clock, "delegate-en", "en")
    assert await chat.understood(text) == understood


@pytest.mark.parametrize(
    ("text", "understood"),
    [
        # a wrong kanji of the same sound, picked from the IME (通知, 会場, 分科会)
        ("痛知はもういらない", ("reminders", "off")),
        ("会上はどこにありますか", ("schedule.venue", "")),
        ("分化会の一覧を見せて", ("workshops", "")),
        # a switch turned off; half-width katakana
        ("ﾘﾏｲﾝﾀﾞｰを切ってください", ("reminders", "off")),
        ("通知を消して", ("reminders", "off")),
        ("各ﾜｰｸｼｮｯﾌﾟの場所と時間は？", ("workshops", "")),
        # a second question tacked on after the first: the first is answered
        ("閉会式は何時から？それと服装の決まりはある？", ("schedule.search", "closing")),
        ("会場はどこ？あと最寄りの駅からバスは出てる？", ("schedule.venue", "")),
        # the calendar file, the topics, the next edition
        ("予定をスマホのカレンダーに読み込める形式でほしい", ("agenda", "ics")),
        ("このボットが回答できる質問ってどんなの？", ("faq", "")),
        ("再来年の開催都市は決まってますか", ("faq", "history-edition-9")),
        # where to raise a subject is which workshop, not where a session is
        ("観光の話はどこで出せますか", ("faq", "topic-tourism")),
    ],
)
async def test_japanese_ime_typos_switches_and_second_questions(
    app: App, ja: Chat, text: str, understood: tuple[str, str]
) -> None:
    assert await ja.understood(text) == understood


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("ashita ame furu?", Outcome.OFF_TOPIC),
        ("あしたはれるかな", Outcome.OFF_TOPIC),
        ("駅前の餃子屋さん、今日は並んでるかな", Outcome.OFF_TOPIC),
        ("明日の昼食は事務局で用意してもらえるんでしょうか", Outcome.FALLBACK),
        (
            "うちの県は去年の豪雨で大きな被害が出まして、住民の防災意識を高めたいと考えて"
            "おります。こうしたことは会議で議論されますか。",
            Outcome.CLARIFIED,  # the disasters' entry and risk management, to choose
        ),
    ],
)
async def test_japanese_weather_and_dishes_declined_unless_the_rencontres_discuss_them(
    app: App, clock: FixedClock, text: str, outcome: Outcome
) -> None:
    chat = Chat(app, clock, "delegate-ja", "ja")
    assert (await chat.say(text))[3] is outcome


async def test_wrong_kanji_are_repaired_only_outside_real_words(edition: Edition) -> None:
    assert repair("痛知を止めて", edition) == "通知を止めて"
    assert repair("会上まで", edition) == "会場まで"
    assert repair("地産地商の例", edition) == "地産地消の例"
    # real words, and a word inside a longer run, stay as written
    for text in ("会長に聞く", "公演を見た", "社会上の課題", "大会場", "通知"):
        assert repair(text, edition) == text


@pytest.mark.parametrize(
    ("text", "intent", "detail"),
    [
        # a choice of two weekdays asks when, not one day's programme
        ("Les Rencontres finissent mercredi ou jeudi ? C'est pour mon retour", "faq", "dates"),
        # showing the workshops is listing them; "heur" without its e still asks when
        ("affiche-moi les ateliers", "workshops", None),
        ("la premiere table ronde commence a quelle heur", "schedule.search", "plenary-panel-1"),
        # rainwater is a water project, not the weather; a typo of shinkansen is still travel
        ("nous recyclons l'eau de pluie des toits, ça se présente où ?", "faq", "topic-water"),
        ("il faut combien de temps en shinkasen jusqu'à tokyo ?", "", None),
        # « l'aide aux devoirs » is a project, not a request for the bot's help
        (
            "nos aînés bénévoles font de l'aide aux devoirs, ça relève de quel atelier ?",
            "faq",
            None,
        ),
        # a "why" in the middle of the sentence asks about content, not a place
        (
            "Sur le millefeuille de Rockström, pourquoi la biosphère se trouve en dessous ?",
            "faq",
            None,
        ),
        # "après Shizuoka, on se retrouve où" is the next edition
        ("Et après Shizuoka, on se revoit où ?", "faq", "history-edition-9"),
        # "or" after a question is an alternative, not "where"
        (
            "les Rencontres parlaient-elles déjà d'ODD avant 2015 ? ou c'est récent ?",
            "faq",
            None,
        ),
        # a day's programme asked last, after a sentence of context naming the visits
        (
            "Nous rentrons des visites avec la délégation et je suis un peu perdu. Pouvez-vous "
            "me rappeler ce qui est prévu demain ?",
            "schedule.day",
            None,
        ),
        # a long French story naming one subject once: at least a "did you mean" on it
        (
            "Bonjour, notre petite commune rurale a ouvert l'an dernier une pépinière pour "
            "accueillir des créateurs venus de la ville, avec l'aide de la région, et nous "
            "aimerions en parler à nos partenaires pendant les Rencontres.",
            "faq",
            "topic-attractive-territory",
        ),
    ],
)
async def test_french_context_choices_and_words_of_a_topic(
    app: App, clock: FixedClock, text: str, intent: str, detail: str | None
) -> None:
    chat = Chat(app, clock, "delegate-fr", "fr")
    got = await chat.understood(text)
    assert got[0] == intent, got
    if detail is not None:
        assert got[1] == detail, got


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # "me rappeler" + a fact or a question word: told again, no reminder set
        ("fr", "Pourriez-vous me rappeler l'ensemble des éditions précédentes ?", ("faq",)),
        (
            "fr",
            "Pourriez-vous me rappeler à quelle heure commence la première table ronde ?",
            ("schedule.search", "plenary-panel-1"),
        ),
        # …but a session named after it is still a reminder
        ("fr", "Pouvez-vous me rappeler la session de demain ?", ("reminders", "on")),
        # the settings named, whatever was chosen before
        (
            "fr",
            "Quels sont mes réglages actuels ? Je ne sais plus ce que j'ai choisi.",
            ("settings",),
        ),
        # what the bot can do, with a day word in the context
        ("fr", "Que savez-vous faire ? On m'a installé cette application hier soir.", ("help",)),
        ("ja", "あんたはどげなことができると？", ("help",)),
        ("ja", "回答できる項目　一覧", ("faq",)),
        # memo style: a workshop by its number after the word, a delay in romaji
        ("ja", "分科会３　場所", ("schedule.track", "environment")),
        ("ja", "reminder 30pun mae ni kaetai", ("reminders", "30")),
        # SMS and chat spellings: « dem », « recep », "Thu", "tomorow"
        ("fr", "prog dem stp", ("schedule.day",)),
        ("fr", "la recep dem c a quelle heure et c ou", ("schedule.track", "reception")),
        ("en", "Thu programme pls", ("schedule.day", "2024-11-21")),
        ("en", "whats on tomorow then?", ("schedule.day",)),
        ("en", "what's going on at the moment? i've lost the group", ("schedule.now",)),
        # one typo in a keyword the rules read
        (
            "fr",
            "Auriez-vous l'obligeance de me communiquer le progamme complet ?",
            ("schedule.programme",),
        ),
        (
            "fr",
            "Je souhaiterais être tenu infomré des changements de l'atelier société",
            ("follow", "society"),
        ),
        ("fr", "Savez-vous me rappeler en deux mots ce que sont les Rencontres ?", ("faq",)),
        # the hotel or the airport told as the context of a request: the request is answered
        (
            "fr",
            "Qu'est-ce qui se passe en ce moment ? Je suis coincée à l'hôtel avec un appel.",
            ("schedule.now",),
        ),
        (
            "fr",
            "Rappel 30 minutes avant svp, la navette depuis l'hôtel met du temps",
            ("reminders", "30"),
        ),
        (
            "en",
            "take the opening ceremony off my agenda, i'm on airport pickup duty first thing",
            ("remove", "opening"),
        ),
        # a day beside the venue's where-word: still the venue; a day with "what is on": that day
        ("fr", "c ou le congres demain je dis quoi au chauffeur", ("schedule.venue",)),
        ("fr", "qu'est-ce qui se passe demain ?", ("schedule.day",)),
        # a day's programme listing its sessions is that day's programme
        (
            "fr",
            "Programme de jeudi svp (table ronde, clôture, déclaration), je dois caler les vols",
            ("schedule.day", "2024-11-21"),
        ),
        ("fr", "supprime mes donnes stp", ("forget",)),
        # 「資料を忘れてきた」 forgot something; 「私のデータは忘れてください」 asks to be forgotten
        ("ja", "私のデータは忘れてください", ("forget",)),
        # 交流会議 is the Rencontres, not the 交流会
        ("ja", "これまでの交流会議の歴史を一覧で教えてもらえますか", ("faq", "history-overview")),
        # the language it became, complained about, then the one wanted
        ("ja", "画面がフランス語になってしまったので日本語に戻していただけますか", ("lang", "ja")),
        # the eleventh batch: today named beside "now", thanks before a question, dialect,
        # English words typed in romaji as Japanese writes them
        ("ja", "今日ボランティアガイドやります！！いまなにやってるんですか？", ("schedule.now",)),
        ("ja", "日本語で頼むす。横文字はわがんねえ", ("lang", "ja")),
        ("ja", "対応可能なQ&Aの一覧を見せてください。", ("faq",)),
        ("fr", "Vous faites quoi exactement, comme bot ?", ("help",)),
        ("en", "I want to stop the rimaindaa, please.", ("reminders", "off")),
        ("en", "Please teach me how to change the gengo settei of this bot.", ("faq",)),
        # the twelfth batch: Swiss numbers, "the rest of the programme this morning", the venue
        # asked with a taxi as its context, "stop following", 何について聞ける
        ("fr", "Rappel nonante minutes avant, s'il vous plaît", ("reminders", "90")),
        ("fr", "Quelle est la suite du programme ce matin ?", ("schedule.next",)),
        ("en", "where is the venue po? I will take taxi from the hotel", ("schedule.venue",)),
        ("en", "Stop following the society workshop for me.", ("unfollow", "society")),
        ("ja", "何について聞けますか？", ("faq",)),
        # the thirteenth batch: an elided SMS word, a ceremony told by its other word, the
        # Latin words inside Japanese, "let me know" + a question, "pop" that is no verb
        ("fr", "programme d'ajd stp", ("schedule.day",)),
        ("fr", "Pouvez-vous ajouter la cérémonie de clôture aussi ?", ("add", "closing")),
        ("fr", "Le dîner de bienvenue c'est quel soir ?", ("schedule.track", "reception")),
        ("fr", "c où l'event exactement ? je dois mettre la localisation", ("schedule.venue",)),
        ("ja", "push通知うるさいからリマインダーoffで", ("reminders", "off")),
        ("ja", "ﾘﾏｲﾝﾀﾞ onにして", ("reminders", "on")),
        ("ja", "言語をenglishに切り替え", ("lang", "en")),
        ("ja", "第2分科会をマイアジェンダにtuika", ("add", "ws-society")),
        ("ja", "ただいまの時間帯は、何が行われているのでしょうか。", ("schedule.now",)),
        (
            "en",
            "Please let me know the exact starting time of the opening ceremony.",
            ("schedule.search", "opening"),
        ),
        ("en", "What is the official Japanese title of the general theme?", ("faq",)),
        ("en", "shrinking towns & ageing pop, econ or society workshop?", ("faq",)),
        ("en", "Would you mind popping the closing into my diary?", ("add", "closing")),
        # a language's name as an adjective asks for no language
        (
            "en",
            "Can I follow the society workshop? A friend from our French twin town presents.",
            ("follow", "society"),
        ),
        # the fourteenth and fifteenth batches: 設定 as a word of something else, the workshops
        # none named, 「今まで」, two delays (one turned down), two languages (one it became),
        # a session asked with 「どこの会場」, a reflexive « je me change », « de mes suivis »
        ("ja", "なぜ今このテーマ設定なのか、その背景をご教示ください。", ("faq",)),
        ("ja", "社会分科会の変更情報を受け取れるよう、設定をお願いします。", ("follow", "society")),
        ("ja", "分科会何時からなん？", ("workshops",)),
        ("ja", "分科会は何時から何時まで？", ("workshops",)),
        ("en", "the three workshop what time?", ("workshops",)),
        ("ja", "いままでのかいさいち、ぜんぶおしえてください", ("faq", "history-overview")),
        ("ja", "リマインダーは１５分前ではなく１０分前にしていただけますか", ("reminders", "10")),
        ("ja", "10分前じゃなくて20分前に通知して", ("reminders", "20")),
        ("en", "remind me 10 min before instead of 15", ("reminders", "10")),
        ("fr", "rappel pas 15 mais 10 min avant", ("reminders", "10")),
        ("ja", "仏語ﾆ成ｯﾃｵﾙ 読ﾒﾇ 日本語ﾆ戻ｾ", ("lang", "ja")),
        ("ja", "此ﾉ機械ﾊ何ｶﾞ出来ﾙｶ", ("help",)),
        ("ja", "通知を再開してください", ("reminders", "on")),
        ("ja", "分科会報告は何時から、どこの会場ですか", ("schedule.search", "workshop-reports")),
        (
            "fr",
            "c'est quand la réception de bienvenue ? faut que je me change avant",
            ("schedule.track", "reception"),
        ),
        ("fr", "Retirez l'atelier Economie de mes suivis.", ("unfollow", "economy")),
        ("fr", "arrete les notifs stp ça sonne sans arrêt pendant la visite", ("reminders", "off")),
        (
            "fr",
            "Excusez-moi, comment fait-on pour changer la langue du robot ? Mon collègue "
            "japonais voudrait l'essayer",
            ("faq", "change-language"),
        ),
        ("fr", "c ou le meeting", ("schedule.venue",)),
        ("fr", "ya quoi la tt de suite", ("schedule.now",)),
        # the one question among sentences; what comes after a session named
        (
            "fr",
            "Bonjour, quel est le programme d'aujourd'hui ? Nous avons des visites je crois",
            ("schedule.day", "2024-11-20"),
        ),
        ("fr", "Qu'est-ce qui vient ensuite, après la visite de ce matin ?", ("schedule.next",)),
        ("fr", "c'est quoi la prochaine visite ?", ("schedule.track", "visit")),
        # the sixteenth batch: phonetic spelling, « comment » misspelt, an inverted how-question,
        # a word one letter from two forms of one keyword, Scots, "help for" others
        ("fr", "cé koi le programe aujourdui ?", ("schedule.day", "2024-11-20")),
        (
            "fr",
            "metez moi la visite du sanctuère sengen dan mon agenda svp",
            ("add", "visit-sengen"),
        ),
        ("fr", "les atelié cé kan et ou ? je mi perd", ("workshops",)),
        ("fr", "coment sa marche les rapel ? je sui pa tré fort avec le telefone", ("faq",)),
        ("fr", "Comment modifie-t-on la langue de cet assistant ?", ("faq", "change-language")),
        (
            "fr",
            "ou sa ce passe exactemen les rencontre ? le batiman je veu dire",
            ("schedule.venue",),
        ),
        ("fr", "pourkoi il on choisi se theme la juste maintenan ?", ("faq",)),
        ("en", "stick the welcome reception in ma agenda, cheers", ("add", "reception")),
        ("fr", "bonjour monsieur le robo, vous savé fer koi ?", ("help",)),
        # an obligation asked is no request to add: the dress code is not covered
        ("fr", "pour la reception de bienvenu, fau metre une cravate ou pa ?", ("",)),
        (
            "en",
            "Kindly guide how the language of this bot can be changed.",
            ("faq", "change-language"),
        ),
        (
            "en",
            "childcare, nurseries, help for young families, which workshop's that under?",
            ("faq",),
        ),
        ("en", "nae more reminders thanks, ma phone's buzzin nonstop", ("reminders", "off")),
        ("ja", "言語かえるのどうやる", ("faq", "change-language")),
        # the earlier batches' misses, read again: the IME's 追化, a memo-style list, pings
        # switched on with no workshop named, whether registering is needed
        ("ja", "第2分科会をマイアジェンダに追化してください", ("add", "ws-society")),
        ("ja", "分科会　時間・部屋　一覧", ("workshops",)),
        ("ja", "つうちおんにしてほしいっす🔔", ("reminders", "on")),
        (
            "ja",
            "随行の秘書も歓迎交流会に同席させたいと存じますが、事前の申し込みは要るのでございましょうか。",
            ("",),
        ),
        # a day word beside the roads or being tired: no programme asked
        ("ja", "あしたの朝 国1混む？", ("",)),
        ("ja", "きょうはつかれたー", ("",)),
    ],
)
async def test_new_writers_phrasings(
    app: App, clock: FixedClock, language: str, text: str, expected: tuple[str, ...]
) -> None:
    chat = Chat(app, clock, f"delegate-{language}", language)
    got = await chat.understood(text)
    assert got[: len(expected)] == expected, got


async def test_forgetting_something_is_no_request_to_be_forgotten(ja: Chat) -> None:
    # 「資料を忘れてきた」: the question is the venue (the entry or the programme's answer)
    intent, detail = await ja.understood(
        "秘書が資料を忘れてきたもので、会議の会場はどこになりますかね"
    )
    assert (intent, detail) in {("faq", "venue"), ("schedule.venue", "")}, (intent, detail)
