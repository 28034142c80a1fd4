"""`python -m bot.cli`: the same as the `confbot` command."""

from bot.cli.main import main

raise SystemExit(main())
