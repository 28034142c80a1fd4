## よくある質問
button-faq = よくある質問
button-none-of-these = どれでもない
button-more = 次へ
faq-did-you-mean = ご質問の意図を確認させてください。次のいずれかについてのお尋ねでしょうか。
faq-topics = 項目をお選びください。
faq-topic-heading = { $topic }：質問をお選びください。
faq-topic-theme = テーマ
faq-topic-history = 会議の歴史
faq-topic-sdgs = SDGs
faq-topic-workshops = 分科会
faq-topic-topics = 分科会別のテーマ例
faq-topic-practical = 開催概要
faq-unknown-entry = その質問は見つかりませんでした。項目をお選びください。
faq-none-noted = ありがとうございます。ご質問を事務局に伝えました。次の項目から探すこともできます。

## 事務局
organisers-only = このコマンドは事務局専用です。
unanswered-none = 未回答の質問は今のところありません。
unanswered-heading = 未回答の質問：{ $count }件（{ $groups }グループ、多い順）
unanswered-line = ・{ $count }件（{ $languages }）「{ $example }」
