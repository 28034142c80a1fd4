## マイアジェンダ
button-agenda = マイアジェンダ
button-agenda-add = ＋マイアジェンダ
button-agenda-remove = －削除
button-agenda-ics = カレンダー（.ics）
agenda-added = 「{ $title }」をマイアジェンダに追加しました。開始前と変更があったときにお知らせします。
agenda-already = 「{ $title }」はすでにマイアジェンダにあります。
agenda-removed = 「{ $title }」をマイアジェンダから削除しました。
agenda-not-there = 「{ $title }」はマイアジェンダにありません。
agenda-cancelled = 「{ $title }」は中止のため追加できません。
agenda-empty = マイアジェンダは空です。プログラムの「＋マイアジェンダ」からセッションを追加してください。
agenda-heading = マイアジェンダ（{ $count }件）：
agenda-clash = ⚠ 時間が重複
agenda-clash-note = ⚠ 時間が重なっているセッションがあります。すべてに最後まで参加することはできません。
agenda-calendar-name = マイアジェンダ（日仏自治体交流会議）
agenda-ics = マイアジェンダ（{ $count }件）のカレンダーファイルです。お使いのカレンダーに取り込めます。

## 通知設定
# $what：follow-all-changes、または track-workshop-phrase / track-other-phrase（main.ftl）
follow-on = 今後、{ $what }に変更があればお知らせします。
follow-off = { $what }の変更のお知らせを停止しました。
follow-all-changes = プログラム全体
follow-choose = 通知を受け取る対象をお選びください。
button-follow-all = すべての変更
button-unfollow-all = 全変更の通知を停止
button-follow-track = { $track }を通知
button-unfollow-track = { $track }の通知停止
button-settings = 設定
settings-heading = 現在の設定：
settings-all-changes = ・プログラムのすべての変更：{ $state }
settings-workshops = ・通知を受け取る分科会：{ $workshops }
settings-reminders = ・開始前のリマインダー：{ $state }（{ $minutes }分前）
# $language：language-name（main.ftl）
settings-language = ・言語：{ $language }
state-on = オン
state-off = オフ
state-none = なし
button-reminders-off = リマインダー：オフ
button-reminders-on = リマインダー：オン
button-reminder-minutes = { $minutes }分前に通知
button-forget = 登録情報の削除
button-forget-confirm = はい、すべて削除
button-cancel = キャンセル
forget-confirm = マイアジェンダ、カレンダーのURL、通知設定、ご質問など、このアシスタントが保存しているお客様の情報をすべて削除しますか。削除すると元に戻せません。
forget-cancelled = 何も削除していません。
forget-done = すべての情報を削除しました。次にメッセージを送っていただいたときは、新規の利用者としてご案内します。
agenda-ics-unavailable = LINEではファイルを送信できないため、マイアジェンダを一覧でお送りします（カレンダー用ファイルはTelegramで「/agenda ics」と送るとお受け取りいただけます）。

## オンラインのマイアジェンダ（カレンダー配信）
button-agenda-feed-new = 新しいURL
feed-programme-name = プログラム（日仏自治体交流会議）
agenda-feed =
    マイアジェンダ（{ $count }件）は、オンラインのカレンダーとしてもご利用いただけます。次のURLを、お使いのカレンダーアプリに購読カレンダーとして登録してください（Googleカレンダーでは「URLで追加」）。
    { $url }
    追加したセッションや、時間・会場の変更、中止は自動で反映されます。このURLはお客様専用です。誤って他の方に共有した場合は「新しいURL」を押してください。新しいURLを発行し、これまでのURLは使えなくなります。
    プログラム全体のカレンダー：{ $programme }
agenda-feed-renewed =
    新しいURLを発行しました。これまでのURLは使えなくなりました。
    { $url }
    これまでのURLを登録していた場合は、カレンダーアプリでこちらのURLに登録し直してください。
