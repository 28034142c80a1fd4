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
broadcast-preview = プレビュー（{ $language }）：
broadcast-recipients = 配信先：{ $total }人（フランス語 { $fr }、日本語 { $ja }、英語 { $en }／Telegram { $telegram }、LINE { $line }）
broadcast-quota = LINE：この配信で{ $uses }通を使用します。今月の残りは{ $remaining }通です（上限{ $limit }通）。
broadcast-quota-unlimited = LINE：この配信で{ $uses }通を使用します（月間上限なし）。
broadcast-quota-short = ⚠ LINEの送信可能数が{ $missing }通不足しています。不足分は、各受信者から次にメッセージが届いたときの返信で無料でお届けします。
broadcast-confirm = 「送信」を押すか、予約する場合は日時（YYYY-MM-DD HH:MM）を入力してください。
broadcast-queued = 一斉配信 No.{ $id } を{ $count }人に送信しています。完了後に結果をお知らせします。
broadcast-scheduled = 一斉配信 No.{ $id } を{ $when }に予約しました（{ $count }人）。
audience-all = 全員
audience-language = { $language }の利用者
audience-channel = { $channel }の利用者
audience-track = { $track }の通知登録者
audience-session = 特定のセッション…

## プログラムの変更（事務局）
set-usage = 使い方：/set ID 項目 値　項目：{ $fields }　例：/set ws-economy start 14:30
set-invalid = 変更できませんでした：{ $reason }
set-done = { $id } を変更しました（{ $fields }）。該当する参加者に通知します。
