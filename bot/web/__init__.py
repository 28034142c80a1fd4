"""The organisers' web console, served by `confbot serve` under /organisers/: its routes,
templates and static files. Every action calls a use case of `handlers/`, as the chat and the
command line do."""
