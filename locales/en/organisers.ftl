command-console = Open the organisers' web console
console-link =
    Your sign-in link to the organisers' console:
    { $link }
    It is valid for { $minutes } minutes and works once. Do not forward it to anyone.
console-not-configured = The web console is not available: the server's public address (PUBLIC_URL) is not set.
