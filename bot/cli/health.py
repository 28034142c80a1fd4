"""`confbot health`: the container health check of `confbot serve` and `confbot worker` alike.

It asks the process's operations port (METRICS_PORT) for /readyz (or /livez with --live); with
METRICS_PORT=0, `confbot serve`'s own port. Exit status 0 when it answers 200, else 1.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import urllib.error
import urllib.request

from bot.settings import Settings

TIMEOUT = 4.0  # under the Dockerfile HEALTHCHECK's --timeout


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    health = sub.add_parser("health", help="exit 0 when this container's serve or worker is ready")
    health.add_argument("--live", action="store_true", help="only check that the process answers")


def url(settings: Settings, live: bool) -> str:
    port = settings.metrics_port or settings.port
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "", "::") else settings.host
    return f"http://{host}:{port}/{'livez' if live else 'readyz'}"


def _probe(address: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(address, timeout=TIMEOUT) as response:
            return int(response.status), response.read(200).decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read(200).decode(errors="replace")
    except (OSError, ValueError) as exc:
        return 0, str(exc)


async def run(settings: Settings, args: argparse.Namespace) -> int:
    address = url(settings, args.live)
    status, body = await asyncio.to_thread(_probe, address)
    if status == 200:
        print(f"{address}: {body.strip()}")
        return 0
    print(f"{address}: {status or 'no answer'} {body.strip()}", file=sys.stderr)
    return 1


def main() -> int:
    """`python -m bot.cli.health [--live]`: the same check without loading the bot (the
    Dockerfile's HEALTHCHECK runs it every 30 s)."""
    parser = argparse.ArgumentParser(prog="confbot health")
    parser.add_argument("--live", action="store_true")
    return asyncio.run(run(Settings(), parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
