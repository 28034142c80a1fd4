## お知らせ
# カードと一緒に送る文：タイトルはかぎかっこで囲まない（Telegram がカードのタイトルをそのまま探す）
notify-changed = プログラム変更のお知らせ：{ $title }
notify-time = 日時：{ $old } → { $new }
notify-room = 会場：{ $old } → { $new }
notify-cancelled = ⚠ このセッションは中止になりました。
notify-reinstated = このセッションは予定どおり開催されます。
notify-added = 新しいセッションが追加されました。{ $title }は{ $when }に行われます（会場：{ $room }）。
notify-added-no-room = 新しいセッションが追加されました。{ $title }は{ $when }に行われます。
notify-removed = { $when }に予定されていた{ $title }は、プログラムから削除されました。
notify-reminder = まもなく{ $title }が始まります。{ $when }、会場：{ $room }
notify-reminder-no-room = まもなく{ $title }が始まります。{ $when }
broadcast-heading = 📢 事務局からのお知らせ
broadcast-report = 一斉配信 No.{ $id } が完了しました：送信 { $sent }件、失敗 { $failed }件、ブロック { $blocked }件、LINE上限による保留 { $waiting }件
answer-later-heading =
    先日お寄せいただいたご質問「{ $question }」について、事務局より回答いたします。
