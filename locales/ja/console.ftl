# 事務局用ウェブコンソール（/organisers/）
console-title = 事務局コンソール
console-nav-overview = 概要
console-nav-programme = プログラム
console-nav-inbox = 未回答の質問
console-nav-audit = 操作履歴
console-language = 表示言語
console-language-fr = フランス語
console-language-ja = 日本語
console-language-en = 英語
console-language-apply = 変更
console-sign-out = ログアウト
console-sign-out-everywhere = すべての端末からログアウト
console-signed-out = ログインしていないか、セッションの有効期限が切れています。ボットに /console と送ると、新しいログインリンクが届きます。
console-signed-out-done = ログアウトしました。再度ログインするには、ボットに /console と送ってください。
console-too-large = 送信されたフォームが大きすぎます。変更は行われていません。
console-csrf = このフォームは有効期限が切れているか、コンソールから送信されたものではありません。変更は行われていません。ページを再読み込みして、もう一度お試しください。
console-too-many-attempts = このアドレスからのログイン試行が多すぎます。数分待ってから、もう一度お試しください。
console-link-invalid = このログインリンクは無効です（使用済み、有効期限の10分を経過、または事務局の権限がありません）。ボットに /console と送ると、新しいリンクが届きます。
console-sign-in-title = コンソールへのログイン
console-sign-in-text = このリンクは一度しか使えません。ボタンを押すと、この端末でコンソールが開きます。
console-sign-in-button = コンソールを開く
console-outcome-answered = 回答済み
console-outcome-clarified = 聞き返し
console-outcome-fallback = 回答なし
console-outcome-off_topic = 対象外
console-per-hour = 1時間ごとのメッセージ数（直近24時間、現地時間）
console-per-day = 日ごとのメッセージ理解状況（直近7日間）
console-delegates = { $count ->
       *[other] 参加者
    }
console-active-24h = { $count ->
       *[other] 直近24時間の利用者
    }
console-messages-24h = { $count ->
       *[other] 直近24時間のメッセージ
    }
console-unanswered-open = { $count ->
       *[other] 対応待ちの未回答質問
    }
console-delegates-by = プラットフォーム・言語別の参加者数
console-platform = プラットフォーム
console-none-yet = まだありません。
console-top-entries = よく聞かれた質問（直近7日間）
console-top-sessions = よく見られたセッション（直近7日間）
console-pushes = 配信
console-outbox-waiting = 送信待ち
console-outbox-waiting-quota = LINEの配信上限待ち
console-outbox-failed = 送信失敗
console-outbox-blocked = ボットをブロックした参加者
console-line-quota = 今月のLINE配信数
console-line-quota-value = { $limit }通中{ $used }通を使用
console-session-changed =
    { $count ->
        [0] 変更を保存しました。通知の対象となる参加者はいません。
       *[other] 変更を保存しました。該当する参加者{ $count }人には、それぞれの言語で通知されます。
    }
console-cancelled = 中止
console-session-unknown = このセッションはプログラムにありません（削除された可能性があります）。
console-field = 項目
console-field-date = 日付
console-field-start = 開始
console-field-end = 終了
console-field-status = 状態
console-field-title = タイトル
console-field-room = 会場
console-status-confirmed = 予定どおり
console-status-cancelled = 中止
console-preview = 変更内容の確認
console-preview-button = 変更内容を確認
console-before = 変更前
console-after = 変更後
console-told =
    { $count ->
        [0] 通知される参加者はいません。
       *[other] { $count }人の参加者に通知されます。
    }
console-apply = この内容で変更する
console-no-change = 現在のプログラムから変更はありません。
console-cancel = 保存せずに戻る
console-inbox-summary =
    { $count ->
        [0] 対応待ちの質問はありません。
       *[other] 対応待ちの質問が{ $count }件あります（{ $groups }つの話題）。
    }
console-inbox-group =
    { $count ->
        [1] { $first }に1回
       *[other] { $first }～{ $last }に{ $count }回
    }
console-inbox-attach = 既存の回答に追加
console-inbox-entry = FAQの項目
console-inbox-tell = 質問した参加者に回答を送る
console-inbox-attach-button = 追加する
console-inbox-new = 新しい回答を作成
console-inbox-new-id = ID（半角英小文字・数字・ハイフン）
console-inbox-answer = 回答
console-inbox-new-button = 作成する
console-inbox-dismiss = 対応不要にする
console-inbox-empty = すべての質問に対応済みです。
console-inbox-attached =
    { $told ->
        [0] { $count }件の質問を追加しました。今後はボットが回答します。
       *[other] { $count }件の質問を追加しました。今後はボットが回答し、質問した{ $told }人に回答を送ります。
    }
console-inbox-dismissed = 対応不要にしました。
console-audit-when = 日時
console-audit-who = 操作者
console-audit-what = 操作
console-audit-detail = 詳細
# The audit log's actions: `console-audit-action-<action>` (bot/web/console.py AUDIT_ACTIONS).
console-audit-action-broadcast-create = お知らせの配信・配信予約
console-audit-action-broadcast-cancel = 予約配信の取り消し
console-audit-action-console-link = コンソールのログインリンクの発行
console-audit-action-console-sign-in = コンソールへのログイン
console-audit-action-console-sign-in-refused = ログインリンクの拒否（使用済み・期限切れ・不明）
console-audit-action-console-session-refused = コンソールへのアクセスの拒否（セッション切れまたは不正なCookie）
console-audit-action-console-csrf-refused = フォームの拒否（期限切れまたはコンソール以外からの送信）
console-audit-action-console-sign-out = コンソールからのログアウト
console-audit-action-console-sign-out-everywhere = すべての端末でのコンソールからのログアウト
console-audit-action-delegate-forget = 参加者のデータ削除（/forget）
console-audit-action-delegate-language = 表示言語の変更（/lang）
console-audit-action-faq-add = FAQ項目の追加
console-audit-action-faq-edit = FAQ項目の編集
console-audit-action-faq-delete = FAQ項目の削除
console-audit-action-faq-import = FAQの更新
console-audit-action-organisers-add = 事務局員の登録
console-audit-action-organisers-remove = 事務局員の登録解除
console-audit-action-programme-import = プログラムの更新
console-audit-action-programme-upload = コンソールからのプログラムファイルの取り込み
console-audit-action-programme-edit = コンソールでのセッションの編集
console-audit-action-programme-set = チャットでのセッションの編集（/set）
console-audit-action-unanswered-attach = 未回答の質問をFAQ項目に追加
console-audit-action-unanswered-dismiss = 未回答の質問を対応不要に設定
console-audit-action-refused = 事務局専用コマンドの拒否（/{ $command }）
inbox-nothing-open = これらの質問は、すでに（他の事務局員によって）対応済みです。
inbox-entry-id-taken = ID「{ $id }」はすでに使われているか、空です。別のIDを指定してください。
inbox-unknown-entry = ID「{ $id }」のFAQ項目はありません。
console-nav-broadcasts = お知らせ配信
console-optional = 任意
console-broadcast-new = 新しいお知らせ
console-broadcast-text = 本文
console-broadcast-audience = 配信先
console-broadcast-when = 予約配信（{ $zone }。空欄の場合はすぐに配信）
console-broadcast-recipients =
    { $count ->
        [0] 配信対象者はいません（{ $audience }）。
       *[other] { $audience }、計{ $count }人に配信されます。
    }
console-broadcast-by-language = 言語別
console-broadcast-line = 使用するLINEメッセージ：{ $used }通（今月の残り：{ $left }通）
console-broadcast-line-missing =
    { $count ->
       *[other] { $count }通のLINEメッセージが上限を超えます。該当する参加者には、次回の返信と一緒に届きます。
    }
console-broadcast-at = 配信日時：{ $when }（{ $zone }）
console-broadcast-now = すぐに配信します。
console-broadcast-send = 配信する
console-broadcast-created = お知らせを登録しました。配信状況は下に表示されます。
console-broadcast-cancelled = 予約配信を取り消しました。何も送信されていません。
console-broadcast-history = 配信済み・予約中のお知らせ
console-broadcast-status-scheduled = 配信中または予約中
console-broadcast-status-done = 完了
console-broadcast-status-cancelled = 取消済み
console-broadcast-progress = 全{ $total }件中、送信済み{ $sent }件、失敗{ $failed }件、ブロック{ $blocked }件、LINE上限待ち{ $waiting }件
console-broadcast-cancel = 配信を取り消す
console-broadcast-texts-missing = フランス語と日本語の本文は必須です。
console-broadcast-too-long = { $max }文字を超える本文があります。
console-broadcast-bad-audience = 配信先を認識できません。
console-broadcast-bad-time = 配信日時が正しくありません。
console-broadcast-not-cancellable = このお知らせは、すでに（一部または全部が）配信されたため、取り消せません。
console-broadcast-preview = お知らせのプレビュー
console-upload = プログラムファイルを取り込む
console-upload-button = 変更内容を確認
console-upload-formats = CSV（UTF-8またはShift-JIS、カンマ・セミコロン・タブ区切り）、XLSX、YAML、pretalxやfrabのschedule.json／schedule.xml（5MBまで）
console-download = プログラムをダウンロード：
console-upload-refused = ファイルは取り込まれず、何も変更されていません。
console-upload-preview = 「{ $name }」による変更内容
console-upload-summary = 追加：{ $added }件、削除：{ $removed }件、変更：{ $changed }件
console-upload-added = 追加されるセッション
console-upload-removed = 削除されるセッション
console-upload-changed = 変更されるセッション
console-session = セッション
console-upload-done = プログラムを取り込みました。該当する参加者には、それぞれの言語で通知されます。
console-export-unknown = この形式ではダウンロードできません。
console-nav-faq = FAQ
console-faq-search = 検索
console-faq-add = 新しい項目
console-faq-none-found = 該当する項目はありません。
console-faq-saved = 項目を保存しました。ボットはすぐにこの内容で回答します。
console-faq-deleted = 項目を削除しました。
console-faq-unknown = この項目はありません（削除された可能性があります）。
console-faq-not-deleted = この項目は削除できません（FAQの最後の項目であるか、すでに存在しません）。
console-faq-id = ID
console-faq-topic = テーマ
console-faq-related = 関連項目（IDをカンマ区切りで）
console-faq-questions = 質問の言い換え（1行に1つ）
console-faq-save = 保存する
console-faq-delete = この項目を削除
console-faq-stolen =
    { $count ->
       *[other] この内容では、他の項目向けの質問{ $count }件に、この項目で回答することになります。
    }
console-faq-stolen-confirm = このまま保存する
inbox-invalid = 項目は作成されませんでした。
faq-problem-bad-id = { $where }：IDには半角英小文字・数字・ハイフンのみ使えます。
faq-problem-duplicate-id = { $where }：このIDはすでに使われています。
faq-problem-no-answer = { $where }：{ $language }の回答がありません。
faq-problem-answer-not-text = { $where }：{ $language }の回答は文章で入力してください。
faq-problem-few-questions = { $where }：{ $language }の質問の言い換えが4つ以上必要です（参加者からの質問も数に入ります）。
faq-problem-title-length = { $where }：{ $language }のタイトルは1～20文字にしてください。
faq-problem-related-missing = { $where }：関連項目「{ $related }」はありません。
faq-problem-invalid = { $where } { $detail }
faq-problem-unknown = { $where }：この項目はありません。
faq-problem-last-entry = { $where }：FAQを空にすることはできません。
console-in-language-fr = フランス語
console-in-language-ja = 日本語
console-in-language-en = 英語
console-upload-stale = 確認画面を表示した後にプログラムが変更されました（他の事務局員による変更の可能性があります）。このファイルによる現在の変更内容は以下のとおりです。まだ何も変更されていません。
console-broadcast-changed = プレビューの後に本文・配信先・日時が変更されました。新しいプレビューを確認してから配信してください。
console-broadcast-past = 過去の日時は指定できません。これからの日時を指定するか、空欄にしてすぐに配信してください。
console-faq-delete-unsure = 削除するには確認欄にチェックを入れてください。何も削除されていません。
console-faq-delete-sure = このFAQ項目を削除することを確認しました
console-field-title-short = タイトル（20文字以内、ボタンに表示されます）
console-language-paren = （{ $language }）
console-optional-suffix = ・任意
console-hour = { $hour }時
console-field-track = 区分
console-broadcast-preview-button = プレビュー
console-faq-changed-meanwhile = この項目を開いた後に、他の事務局員が内容を変更しました。保存は行われていません。入力内容は下に残っています。別のタブで現在の内容を確認してから、もう一度保存してください。
# Why a programme file is refused: `programme-problem-<kind>` (handlers/schedule/files.py ProblemKind),
# after its place (a line, a spreadsheet's row, a JSON or XML path) and its column.
programme-problem-line = { $line }行目
programme-problem-row = シート「{ $sheet }」の{ $line }行目
programme-problem-file = ファイル全体
programme-problem-column = { $place }の「{ $column }」列
programme-problem-at = { $place }：{ $message }
programme-problem-too-large = ファイルが{ $limit }MBを超えているため、読み込まずに受け付けませんでした。
programme-problem-cannot-read = ファイルを読めません（{ $detail }）。
programme-problem-unsupported-format = { $looks_like ->
    [xls] Excel 97-2003形式（.xls）のブックはconfbotでは読めません。.xlsx形式か「CSV UTF-8」形式で保存し直してください。
    [pdf] PDFはconfbotでは読めません。プログラムをCSV、XLSX、schedule.jsonのいずれかで書き出してください。
    [json] c3vocのプログラムではないJSONです（「schedule」がありません）。confbotが読めるのはCSV、XLSX、YAML、c3vocのschedule.json／schedule.xmlです。
    [html] ウェブページ（HTML）はconfbotでは読めません。ファイルそのもの（schedule.xmlまたはschedule.json）のアドレスを指定してください。
    [xml] ルート要素が「{ $value }」のXMLで、c3vocプログラムの「<schedule>」ではありません。confbotが読めるのはCSV、XLSX、YAML、c3vocのschedule.json／schedule.xmlです。
    [ics] iCalendar（.ics）ファイルです。confbotは書き出しはできますが、取り込みはできません。
    [damaged-zip] 壊れたZIPファイルです。confbotが読めるのはCSV、XLSX、YAML、c3vocのschedule.json／schedule.xmlです。
    [ods] OpenDocument形式（.ods）の表計算ファイルはconfbotでは読めません。.xlsx形式か「CSV UTF-8」形式で保存し直してください。
    [odt] OpenDocument形式（.odt）の文書はconfbotでは読めません。プログラムを.xlsx形式か「CSV UTF-8」形式で保存してください。
    [docx] Word文書（.docx）はconfbotでは読めません。confbotが読めるのはCSV、XLSX、YAML、c3vocのschedule.json／schedule.xmlです。
    [zip] XLSXブックではないZIPファイルです。confbotが読めるのはCSV、XLSX、YAML、c3vocのschedule.json／schedule.xmlです。
   *[binary] 形式の分からないバイナリファイルです。confbotが読めるのはCSV、XLSX、YAML、c3vocのschedule.json／schedule.xmlです。
}
programme-problem-not-text-in-encoding = { $encoding }の文字として読めません（行内の{ $count }文字目）。ファイルを「CSV UTF-8」形式で保存し直してください。
programme-problem-garbled-cp932 = ファイルがUTF-8ではなく、Shift-JISとして読むと「{ $value }」になります。Windows-1252（フランス語版Excel）のファイルではありませんか。「CSV UTF-8」形式で保存し直してください。
programme-problem-empty-file = ファイルが空です。
programme-problem-empty-sheet = シートが空です。
programme-problem-no-sheet = シート「{ $value }」がありません（シート：{ $expected }）。
programme-problem-too-many-rows = シート「{ $sheet }」の行数が{ $limit }行を超えています。
programme-problem-unpacks-too-large = ブックを展開すると{ $limit }MBを超えます。
programme-problem-unreadable = { $expected }ファイルとして読めません（{ $detail }）。
programme-problem-not-a-programme = 1行目にプログラムの列名（id、date、start、end、track など）が一つもありません。プログラムのファイルで間違いありませんか。
programme-problem-missing-column = 必須の列がありません。
programme-problem-unknown-column = 不明な列です（プログラムの列は id、date、start、end、track、title_fr、title_ja、title_en、room_fr、room_ja、room_en、speakers、description_fr、description_ja、description_en、status です）。
programme-problem-unknown-field = 不明な項目です。
programme-problem-repeated-field = 同じセッションにこの項目が2回書かれています。
programme-problem-too-many-values = 列は{ $limit }列ですが、値が{ $count }個あります。
programme-problem-line-break = 値の中に改行があります。引用符（"）が閉じられていないのではありませんか。
programme-problem-not-a-list = ここにはリストが必要です（YAMLファイルの場合は、セッションのリストか「sessions:」）。
programme-problem-not-a-mapping = ここには「項目名: 値」の組が必要です。
programme-problem-not-text = ここには文字列が必要です。
programme-problem-missing-value = 必須の値が空です。
programme-problem-too-long = 値が{ $limit }文字を超えています。
programme-problem-control-character = 値に制御文字（NULなど）が含まれています。
programme-problem-bad-id = ID「{ $value }」は使えません。英数字と「.」「_」「-」のみ、64文字以内にしてください。
programme-problem-no-id = セッションにcode、id、guidのいずれもありません。
programme-problem-duplicate-id = ID「{ $value }」が重複しています（最初は{ $first }）。
programme-problem-bad-track = 区分「{ $value }」は使えません。plenary、economy、visit のような半角小文字の1語にしてください。
programme-problem-bad-date = 「{ $value }」は日付（{ $expected ->
    [YYYY-MM-DD] YYYY-MM-DD
   *[other] { $expected }
}）として読めません。
programme-problem-no-date = 日付がなく、日付を決める日と開始時刻もありません。
programme-problem-bad-time = 「{ $value }」は時刻（{ $expected }）として読めません。
programme-problem-bad-duration = 「{ $value }」は所要時間（HH:MM）として読めません。
programme-problem-bad-status = 状態は confirmed か cancelled にしてください。
programme-problem-no-title = フランス語か日本語のタイトル（title_fr または title_ja）が必要です。
programme-problem-end-before-start = 終了時刻は開始時刻より後にしてください。
programme-problem-no-session = セッションが一つもありません。
programme-problem-other = { $detail }
console-field-description = 説明
console-field-speakers = 登壇者
# What an import read but the organiser should check: `programme-warning-<kind>`
# (handlers/schedule/files.py WarningKind), after its place when it has one.
programme-warning-one-title = { $language ->
    [ja] セッション「{ $session }」には日本語のタイトル（title_ja）がないため、フランス語のタイトルを代わりに表示します。
   *[fr] セッション「{ $session }」にはフランス語のタイトル（title_fr）がないため、日本語のタイトルを代わりに表示します。
}
programme-warning-sheet-not-xlsx = --sheetオプションはXLSXブックにのみ有効です（このファイルの形式は{ $value }です）。
programme-warning-read-as-cp932 = ファイルがUTF-8ではないため、{ $encoding }として読み込みました。この文字コードではフランス語のアクセント付き文字を表せない（Excelでは「?」になる）ため、フランス語の文章を確認してください。
programme-warning-guid-as-id = セッション「{ $session }」は{ $first }にもあるため、この枠のIDにはguid（{ $value }）を使います。
programme-warning-schema = c3vocのスキーマに合っていません（取り込みには影響しません）。詳細：{ $detail }
programme-warning-more-deviations = { $count ->
   *[other] ほかにもc3vocのスキーマに合っていない箇所が{ $count }件あります（表示は省略します）。
}
programme-warning-unknown-track = 区分「{ $value }」はcontent/tracks.yamlにないため、コード「{ $code }」として取り込みます（各言語での名称を表示するには、content/tracks.yamlに追加してください）。
programme-warning-no-track = { $count ->
   *[other] 区分（track）のないセッションが{ $count }件あります。コード「{ $code }」として取り込みます。
}
programme-warning-one-language = { $count ->
   *[other] タイトルが1つの言語でしか書かれていないセッションが{ $count }件あります（ファイル上の言語：{ $languages }）。そのタイトルをフランス語・日本語・英語のすべてでそのまま表示します（{ $sessions }）。翻訳を入れるには、CSVまたはXLSXでプログラムを取り込んでください。
}

## How an uploaded programme file was read, above its preview
programme-reading-csv = CSVファイル（{ $encoding }、{ $separator }）として読み込みました。
programme-reading-yaml = YAMLファイル（{ $encoding }）として読み込みました。
programme-reading-xlsx = XLSXブックのシート「{ $sheet }」を読み込みました。
programme-reading-c3voc-json = pretalx・frab形式のschedule.jsonとして読み込みました。
programme-reading-c3voc-xml = pretalx・frab形式のschedule.xmlとして読み込みました。
programme-encoding-utf8 = UTF-8
programme-encoding-utf8-bom = UTF-8（BOM付き）
programme-encoding-utf16 = UTF-16
programme-encoding-cp932 = Shift_JIS
programme-separator-comma = カンマ区切り
programme-separator-semicolon = セミコロン区切り
programme-separator-tab = タブ区切り

## An audit line's details, by name
console-audit-detail-added = 追加：
console-audit-detail-audience = 宛先：
console-audit-detail-broadcast = お知らせ番号：
console-audit-detail-changed = 変更：
console-audit-detail-entry = FAQ項目：
console-audit-detail-field = 項目：
console-audit-detail-fields = 項目：
console-audit-detail-file = ファイル：
console-audit-detail-language = 言語：
console-audit-detail-member = メンバー：
console-audit-detail-new = 新規項目：
console-audit-detail-questions = 質問数：
console-audit-detail-recipients = 送信数：
console-audit-detail-removed = 削除：
console-audit-detail-session = セッション：
console-audit-detail-source = 取り込み元：
console-audit-detail-stolen = 他の項目から移した質問：
console-audit-detail-told = 通知した参加者：
console-audit-detail-value = 値：
console-yes = はい
console-no = いいえ
