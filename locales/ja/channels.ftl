## コマンドの説明（/help と Telegram のコマンドメニュー、256文字以内）
command-programme = 本日のプログラム（日付指定：/programme 2024-11-20）
command-now = 開催中のセッション
command-next = 次のセッション
command-workshops = 分科会の一覧
command-faq = よくある質問（テーマ・分科会・歴史）
command-agenda = マイアジェンダ
command-settings = 通知・リマインダー・言語の設定
command-lang = 言語の変更
command-session = セッションの詳細（IDは各カードに表示）
command-forget = 保存されているあなたの情報をすべて削除
command-unanswered = 回答できなかった質問（主催者向け）
command-help = ご利用方法
# メッセージの下に表示するセッション詳細ボタン
telegram-card-button = { $title }（{ $label }）

## LINE：リッチメニュー（画像とチャットバーの文字。チャットバーは14文字以内）
richmenu-chat-bar = メニュー
richmenu-programme = プログラム
richmenu-now = 開催中・次
richmenu-workshops = 分科会
richmenu-faq = よくある質問
richmenu-agenda = マイアジェンダ

## Telegram：ボットの説明（setMyDescription 512文字以内、短い説明は120文字以内）
telegram-description =
    { $conference }（{ $city }）のご案内をする自動応答アシスタントです。
    プログラム、会場、分科会、会議のテーマなどについて、日本語・フランス語・英語でお尋ねください。マイアジェンダの作成、分科会の変更通知、開始前のリマインダーもご利用いただけます。
telegram-short-description = { $conference }のご案内アシスタント（プログラム・分科会・マイアジェンダ）
