## 一斉配信（事務局）
button-skip = スキップ
button-send = 送信
broadcast-ask-fr = 一斉配信を作成します。まずフランス語の本文を送ってください。
broadcast-ask-ja = 次に日本語の本文を送ってください。
broadcast-ask-en = 英語の本文（任意）を送るか、「スキップ」を押してください。
broadcast-ask-audience = 配信先をお選びください。
broadcast-ask-session = セッションIDを送ってください（そのセッションをマイアジェンダに入れている方に配信します）。
broadcast-ask-preview = プレビューを確認して送信してください。
broadcast-cancelled = 一斉配信を取り消しました。何も送信していません。
broadcast-too-long = 本文が長すぎます（{ $max }文字以内）。
broadcast-bad-time = 日時を読み取れませんでした。YYYY-MM-DD HH:MM（開催地時間）の形式で入力するか、「送信」を押してください。
# $language：版の言語コード（fr、ja、en）
broadcast-preview = { $language ->
        [fr] フランス語
        [ja] 日本語
       *[en] 英語
    }版のプレビュー：
# $audience：下の audience-…-phrase のいずれか
broadcast-recipients = 配信先：{ $audience }（計{ $total }人：フランス語 { $fr }、日本語 { $ja }、英語 { $en }／Telegram { $telegram }、LINE { $line }）
broadcast-quota = LINE：この配信で{ $uses }通を使用します。今月の残りは{ $remaining }通です（上限{ $limit }通）。
broadcast-quota-unlimited = LINE：この配信で{ $uses }通を使用します（月間上限なし）。
broadcast-quota-short = ⚠ LINEの送信可能数が{ $missing }通不足しています。不足分は、各受信者から次にメッセージが届いたときの返信で無料でお届けします。
broadcast-confirm = 「送信」を押すか、予約する場合は日時（YYYY-MM-DD HH:MM）を入力してください。
broadcast-queued = 一斉配信 No.{ $id } を{ $audience }（{ $count }人）に送信しています。完了後に結果をお知らせします。
broadcast-scheduled = 一斉配信 No.{ $id } を{ $when }（開催地時間）に予約しました。配信先：{ $audience }（{ $count }人）
# ボタン（LINE：20文字以内）。$language：fr、ja、en
audience-all = 全員
audience-language = { $language ->
        [fr] フランス語の参加者
        [ja] 日本語の参加者
       *[en] 英語の参加者
    }
audience-channel = { $channel }の利用者
audience-track = { $track }分科会
audience-session = 特定のセッション…
# 文中の配信先（「…に送信しています」「配信先：…」）
audience-all-phrase = 全員
audience-language-phrase = { $language ->
        [fr] フランス語の参加者
        [ja] 日本語の参加者
       *[en] 英語の参加者
    }
audience-channel-phrase = { $channel }をご利用の参加者
# $track：track-workshop-phrase または track-other-phrase（「経済分科会」）
audience-track-phrase = { $track }の通知を受け取っている参加者
audience-session-phrase = 「{ $title }」をマイアジェンダに入れている参加者

## プログラムの変更（事務局）
set-usage = 使い方：/set ID 項目 値（項目：{ $fields }）　例：/set ws-economy start 14:30
# $reason：下の set-invalid-… のいずれか
set-invalid = 変更できませんでした：{ $reason }
set-invalid-time = 「{ $value }」は時刻として読み取れません。HH:MM の形式（例：14:30）で入力してください。
set-invalid-end = 終了時刻（{ $value }）は開始時刻より後にしてください。
set-invalid-date = 「{ $value }」は日付として読み取れません。YYYY-MM-DD の形式（例：2024-11-20）で入力してください。
set-invalid-status = 状態には「confirmed」（開催）または「cancelled」（中止）を指定してください。「{ $value }」は使えません。
set-invalid-value = 「{ $value }」は項目 { $field } の値として使えません。
set-done = { $id } を変更しました（{ $fields }）。該当する参加者に通知します。
set-unchanged = { $id } はすでにその値になっています。変更はありません。
