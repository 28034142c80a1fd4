## 書式（babel のパターン）
fmt-day-pattern = M月d日(E)
fmt-time-pattern = H:mm
fmt-time-range = { $start }〜{ $end }
fmt-when = { $day } { $start }〜{ $end }（{ $zone }）
# 列挙の区切り（会場、日付、登壇者、分科会）
list-separator = 、
# 言語名（設定）。$code：fr、ja、en
language-name = { $code ->
        [fr] フランス語
        [ja] 日本語
       *[en] 英語
    }

## あいさつ・ヘルプ
welcome =
    こんにちは。{ $conference }（{ $city }）のご案内をする自動応答アシスタントです。
    日程、会場、分科会、会議のテーマなどについて、日本語またはフランス語でお気軽にお尋ねください。
help =
    次のように自由に入力してください。
    ・「環境分科会は何時から？」
    ・「社会分科会の会場はどこ？」
    ・「明日の予定」
    ・「テーマは何ですか」
help-commands = コマンド：
help-line = { $command }：{ $description }
unsupported-message = 恐れ入りますが、文字のメッセージのみ読み取れます。ご質問を入力するか、下のメニューからお選びください。
unknown-command = { $command } というコマンドはありません。ご利用いただける機能は次のとおりです。
fallback = このご質問には確かなお答えができません。ご質問は事務局に伝えました。下のメニューから項目を選ぶこともできます。
error-apology = 申し訳ありません。システムでエラーが発生しました。しばらくしてからもう一度お試しください。
slow-down = メッセージが続けて届いたため、一部にはお答えできませんでした。先に届いたものから順にお答えしています。お答えできなかった分は、少し時間をおいてからもう一度お送りください。
group-private-only = このコマンドは、個別のトークでのみご利用いただけます。グループでは、プログラムと「よくある質問」のみお答えします。

## ボタン（LINE：20文字以内）
button-programme = プログラム
button-now = 開催中
button-next = 次の予定
button-today = 今日
button-workshops = 分科会
button-lang = 言語
button-help = ヘルプ
button-details = 詳細

## 言語
language-choose = ご希望の言語をお選びください。
language-set = 承知しました。これから日本語でお答えします。

## プログラム
programme-sample-notice = ⚠ このプログラムは参考例です。詳細な時間割は公表されていないため、事務局が正式なものに差し替えます。
programme-empty = プログラムはまだ登録されていません。事務局が近日中に公開します。
programme-day-empty = { $day }のセッションはありません。開催日：{ $days }
programme-day-heading = { $day }のプログラム（{ $zone }）全{ $count }件
programme-line = ・{ $time } { $title }（{ $room }）
# タイトルに会場名が含まれている場合（「視察：静岡浅間神社」）
programme-line-no-room = ・{ $time } { $title }
programme-countdown = { $days ->
        [1] 会議は明日（{ $first }）開幕します。
       *[other] 会議の開幕まであと{ $days }日です（初日：{ $first }）。
    }
programme-ended = 会議は{ $last }に閉幕しました。ご参加ありがとうございました。各日のプログラムは引き続きご覧いただけます。
programme-bad-day = 「{ $day }」という日付を読み取れませんでした。日付をお選びください。
now-nothing = 現在開催中のセッションはありません。
now-heading = 現在開催中（{ $count }件）：
next-nothing = 今後予定されているセッションはありません。
next-heading = 次の予定（{ $when }）：
track-no-session = 「{ $track }」のセッションは、現在プログラムに登録されていません。
workshops-heading = 分科会（全{ $count }分科会）：
workshops-none-scheduled = 分科会の日時はまだプログラムに登録されていません。
search-heading = 該当するセッション（{ $count }件）：
# 文中の区分名（「…の変更をお知らせします」「…の通知を受け取っている参加者」）
track-workshop-phrase = { $track }分科会
track-other-phrase = 「{ $track }」のセッション

## セッション
# カードと一緒に送る文：タイトルはかぎかっこで囲まない（Telegram がカードのタイトルをそのまま探す）
session-sentence = { $title }は{ $when }に行われます（会場：{ $room }）。
session-sentence-no-room = { $title }は{ $when }に行われます。
session-sentence-cancelled = { $when }に予定されていた{ $title }（会場：{ $room }）は中止になりました。
session-sentence-cancelled-no-room = { $when }に予定されていた{ $title }は中止になりました。
session-when = 日時：{ $when }
session-room = 会場：{ $room }
session-track = 区分：{ $track }
session-speakers = 登壇者：{ $speakers }
session-cancelled = ⚠ このセッションは中止になりました。
session-unknown = 「{ $id }」というセッションは見つかりませんでした。プログラムをご覧ください。
status-cancelled = （中止）
room-unknown = 会場未定

## 会場
venue-known = 会議の会場は{ $city }の{ $venue }です。
venue-unknown = 会議は{ $city }で開催されます。詳しい会場はこのアシスタントにはまだ登録されていません。各セッションの会場はプログラムでご確認いただけます。
venue-rooms = プログラム上の会場：{ $rooms }

## コンソール
console-intro = 日仏自治体交流会議アシスタント ― 質問を入力してください。番号でボタンを選べます。/quit で終了します。
console-rehearse = 本日は会期外です。会期中の一日を試すには、--now を付けて起動してください（例：confbot console --now { $example }）。
