command-console = 事務局用ウェブコンソールを開く
console-link =
    事務局用コンソールへのログインリンクです。
    { $link }
    有効期間は{ $minutes }分で、一度だけ使えます。他の方には転送しないでください。
console-not-configured = ウェブコンソールは利用できません。サーバーの公開URL（PUBLIC_URL）が設定されていません。
