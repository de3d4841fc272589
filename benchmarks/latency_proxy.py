"""A loopback TCP proxy that adds a fixed delay each way: a server "far away" on 127.0.0.1.

Used by B10 and B13 to put the real Open Klant at a realistic distance (15 ms each way = 30 ms
round trip, as a municipality's hosted Open Klant seen from a desk). Bytes keep their order and
each chunk is held ``delay`` seconds from when it was read, so a request pipelined behind
another is not delayed twice.

Threading: the proxy runs its own asyncio loop on a daemon thread of its own, so the delay does
not depend on how busy the benchmark's own loop is. ``start()`` and ``stop()`` are called from
the benchmark thread.
"""

from __future__ import annotations

import asyncio
import threading


class LatencyProxy:
    """``LatencyProxy(port).start()``; connect to ``127.0.0.1:{proxy.port}``; ``stop()``."""

    def __init__(self, target_port: int, *, delay: float = 0.015, host: str = "127.0.0.1"):
        self.target = (host, target_port)
        self.delay = delay
        self.port = 0
        self.connections = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    def start(self) -> LatencyProxy:
        self._thread = threading.Thread(target=self._run, name="latency-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the latency proxy did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", 0)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._server.close()
            # Connections still open are cut: no tracebacks for their cancelled handlers.
            self._loop.set_exception_handler(lambda _loop, _context: None)
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.close()

    async def _handle(self, client_r, client_w) -> None:
        self.connections += 1
        try:
            server_r, server_w = await asyncio.open_connection(*self.target)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(
            self._pipe(client_r, server_w), self._pipe(server_r, client_w), return_exceptions=True
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def pump() -> None:
            try:
                while True:
                    data = await reader.read(65536)
                    queue.put_nowait((loop.time() + self.delay, data))
                    if not data:
                        return
            except OSError:
                queue.put_nowait((loop.time(), b""))

        async def emit() -> None:
            try:
                while True:
                    due, data = await queue.get()
                    wait = due - loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    if not data:
                        return
                    writer.write(data)
                    await writer.drain()
            except OSError:
                pass
            finally:
                writer.close()

        await asyncio.gather(pump(), emit())
