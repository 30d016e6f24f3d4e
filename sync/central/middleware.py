"""A pure ASGI middleware that caps request bodies (413 with protocol.ErrorBody JSON).

It counts the bytes actually received, chunk by chunk, so a client that sends no or a false
Content-Length (chunked transfer) is stopped as well; a Content-Length over the limit is refused
before reading anything. A body with `Content-Encoding: gzip` is inflated here, with the same
limit on the inflated size (no gzip bombs). The app then sees an ordinary, buffered body.
"""

from __future__ import annotations

import zlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.central.errors import error_response


class BodyLimitMiddleware:
    """Refuse bodies over `max_bytes` (compressed or inflated) with 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        encoding = headers.get(b"content-encoding", b"").strip().lower()
        if encoding == b"gzip":
            inflated, problem = self._inflate(body)
            if problem == "large":
                response = error_response(
                    413,
                    "payload_too_large",
                    "Isi permintaan terlalu besar setelah dibuka (gzip).",
                    f"The body is over {self.max_bytes} bytes once inflated (gzip).",
                )
                await response(scope, receive, send)
                return
            if problem == "corrupt":
                response = error_response(
                    400, "bad_gzip", "Isi gzip rusak.", "The gzip body is corrupt."
                )
                await response(scope, receive, send)
                return
            body = inflated
            scope = dict(scope)
            scope["headers"] = [
                (k, v)
                for k, v in scope["headers"]
                if k.lower() not in (b"content-encoding", b"content-length")
            ]
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _inflate(self, body: bytes) -> tuple[bytes, str]:
        """(inflated body, "") or (b"", "large" | "corrupt")."""
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out = inflater.decompress(body, self.max_bytes + 1)
        except zlib.error:
            return b"", "corrupt"
        if len(out) > self.max_bytes or inflater.unconsumed_tail:
            return b"", "large"
        if not inflater.eof:
            return b"", "corrupt"
        return out, ""

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            413,
            "payload_too_large",
            f"Isi permintaan melebihi batas {self.max_bytes} byte; tidak ada yang disimpan.",
            f"The request body is over the limit of {self.max_bytes} bytes; nothing was stored.",
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)
