## Telegram：コマンドメニュー（setMyCommands、256文字以内）
telegram-command-programme = 本日のプログラム（日付指定：/programme 2024-11-20）
telegram-command-now = 開催中のセッション
telegram-command-next = 次のセッション
telegram-command-workshops = 分科会の一覧
telegram-command-faq = よくある質問（テーマ・分科会・歴史）
telegram-command-agenda = マイアジェンダ
telegram-command-settings = 通知・リマインダー・言語の設定
telegram-command-lang = 言語の変更
telegram-command-help = ご利用方法
# メッセージの下に表示するセッション詳細ボタン
telegram-card-button = { $title }（{ $label }）

## LINE：リッチメニュー（画像とチャットバーの文字。チャットバーは14文字以内）
richmenu-chat-bar = メニュー
richmenu-programme = プログラム
richmenu-now = 開催中・次
richmenu-workshops = 分科会
richmenu-faq = よくある質問
richmenu-agenda = マイアジェンダ
richmenu-language = Français
richmenu-language-hint = フランス語
