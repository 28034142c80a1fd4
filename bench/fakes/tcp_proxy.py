"""A TCP proxy on 127.0.0.1 in front of a server (PostgreSQL in the tests and in
bench/chaos.py) that can cut the connections or black-hole them, as a network would.

- `cut()`: every open connection is reset, and new ones are reset as soon as they arrive,
  until `restore()` (a database restarting, a firewall rule).
- `black_hole()`: nothing goes through any more, in either direction, and new connections
  get no answer; the bytes are held, not lost, and flow again at `restore()` (a partition
  that heals: TCP retransmits what was sent meanwhile).
"""

from __future__ import annotations

import asyncio
import contextlib
import enum


class Mode(enum.StrEnum):
    OPEN = "open"
    CUT = "cut"
    BLACK_HOLE = "black_hole"


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target_host, self.target_port = target_host, target_port
        self.mode = Mode.OPEN
        self.connections = 0  # accepted since start
        self.resets = 0  # connections reset by `cut`
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def port(self) -> int:
        assert self._server is not None, "the proxy is not started"
        return int(self._server.sockets[0].getsockname()[1])

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)

    async def stop(self) -> None:
        self.restore()
        if self._server is not None:
            self._server.close()
        self._reset_all()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    async def __aenter__(self) -> TcpProxy:
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.stop()

    def cut(self) -> None:
        self.mode = Mode.CUT
        self._flowing.set()
        self._reset_all()

    def black_hole(self) -> None:
        self.mode = Mode.BLACK_HOLE
        self._flowing.clear()

    def _cut(self) -> bool:
        return self.mode is Mode.CUT

    def restore(self) -> None:
        self.mode = Mode.OPEN
        self._flowing.set()

    def _reset_all(self) -> None:
        for writer in list(self._writers):
            self.resets += 1
            writer.transport.abort()
        self._writers.clear()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        if self.mode is Mode.CUT:
            self.resets += 1
            writer.transport.abort()
            return
        await self._flowing.wait()  # a black hole answers no connection either
        if self._cut():  # cut while waiting (a method: mypy keeps no narrowing across it)
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(self.target_host, self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update((writer, up_writer))
        pumps = [
            asyncio.create_task(self._pump(reader, up_writer)),
            asyncio.create_task(self._pump(up_reader, writer)),
        ]
        for task in pumps:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
        for task in pumps:
            task.cancel()
        for end in (writer, up_writer):
            self._writers.discard(end)
            end.transport.abort()

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError, asyncio.IncompleteReadError):
            while True:
                chunk = await reader.read(65536)
                if not chunk:
                    return
                await self._flowing.wait()
                if writer.transport.is_closing():
                    return
                writer.write(chunk)
                await writer.drain()
