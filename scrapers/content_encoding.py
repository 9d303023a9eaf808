"""Undo an HTTP Content-Encoding chain ("gzip", "deflate", "gzip, gzip", ...) under a size cap.

httpx decodes each chunk through every stage in full before anyone can count the result, so
3.5 KB of "gzip, gzip" becomes gigabytes in memory before a cap can fire. Here every stage is
an incremental decompressor asked for at most `_STEP` bytes at a time, and a stage runs only
when the one after it has used up its input: no stage holds more than about `_STEP` bytes
waiting, and decoding stops the moment the output passes the cap.
"""

from __future__ import annotations

import zlib

# What we can undo; sent as Accept-Encoding so a server never picks something we cannot read.
ACCEPT_ENCODING = "gzip, deflate"

_STEP = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class BodyTooLarge(Exception):
    """The decoded body passed the cap; the message is a one-line reason."""


class BadEncoding(Exception):
    """The Content-Encoding is unknown or the bytes do not decode; one-line reason."""


class _Inflate:
    """One gzip or deflate stage, fed input with push() and drained in bounded steps."""

    def __init__(self, kind: str):
        self.kind = kind
        self._d: zlib._Decompress | None = None  # made once the first two bytes are known
        self._pending = b""  # input not yet handed to zlib
        self._need = 2  # bytes to gather before the next step can decide anything
        self._more = False  # the last step filled its quota: zlib may hold more output
        self._done = False  # past the end of the stream: what follows is dropped

    def push(self, data: bytes) -> None:
        if not self._done:
            self._pending = self._pending + data if self._pending else data

    def ready(self) -> bool:
        return len(self._pending) >= self._need or self._more

    def step(self) -> bytes:
        data, self._pending = self._pending, b""
        if self._d is None or self._d.eof:
            self._d = self._start(data)
            if self._d is None:
                self._done, self._more = True, False
                return b""
            self._need = 1
        try:
            out = self._d.decompress(data, _STEP)
        except zlib.error as exc:
            raise BadEncoding(f"could not decode {self.kind} body: {exc}") from None
        if self._d.eof:
            self._pending, self._need = self._d.unused_data, 2
        else:
            self._pending = self._d.unconsumed_tail
        self._more = len(out) >= _STEP and not self._d.eof
        return out

    def _start(self, head: bytes) -> zlib._Decompress | None:
        """A decompressor for the stream starting with `head`; None when nothing more is due."""
        if self.kind == "gzip":
            if self._d is None or head.startswith(_GZIP_MAGIC):  # a further member follows
                return zlib.decompressobj(16 + zlib.MAX_WBITS)
            return None  # browsers ignore bytes after the end of the stream; so do we
        if self._d is not None:
            return None
        # "deflate" is meant to be zlib-wrapped, but some servers send a raw stream (httpx, curl
        # and browsers accept both); a zlib header is 8 in the low bits and a multiple of 31
        wrapped = head[0] & 0x0F == 8 and int.from_bytes(head[:2], "big") % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)


class ContentDecoder:
    """Turn raw body chunks into decoded bytes, counting them against `limit`.

    feed() returns the decoded bytes of one raw chunk and raises BodyTooLarge as soon as the
    total passes `limit` (or, with truncate, stops producing output at `limit`).
    """

    def __init__(self, content_encoding: str | None, limit: int, truncate: bool = False):
        self.limit = limit
        self.truncate = truncate
        self.decoded = 0
        self.full = False  # truncate mode: the limit is reached, the rest is not wanted
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        stages = []
        # listed in the order they were applied, so undone from the last one
        for coding in reversed([c for c in codings if c and c != "identity"]):
            if coding in ("gzip", "x-gzip"):
                stages.append(_Inflate("gzip"))
            elif coding == "deflate":
                stages.append(_Inflate("deflate"))
            else:
                raise BadEncoding(f"unsupported Content-Encoding: {coding[:40]}")
        self._stages = stages

    def feed(self, raw: bytes) -> bytes:
        if not self._stages:
            return self._emit(raw)
        self._stages[0].push(raw)
        out = bytearray()
        while not self.full:
            # the innermost stage with work goes first, so upstream output never piles up
            i = next((k for k in range(len(self._stages) - 1, -1, -1)
                      if self._stages[k].ready()), None)
            if i is None:
                break
            piece = self._stages[i].step()
            if not piece:
                continue
            if i + 1 < len(self._stages):
                self._stages[i + 1].push(piece)
            else:
                out += self._emit(piece)
        return bytes(out)

    def _emit(self, piece: bytes) -> bytes:
        room = self.limit - self.decoded
        if len(piece) > room:
            if not self.truncate:
                raise BodyTooLarge(f"body larger than {self.limit} bytes")
            self.full = True
            piece = piece[:room]
        self.decoded += len(piece)
        return piece
