"""Opening an import file: checks, text encoding, format, and length-capped line reading.

Accepted encodings are UTF-8, UTF-8 with BOM and UTF-16 with BOM; CSV files that are not UTF-8
are read as Windows-1252 by the CSV reader. Only regular files are read: a pipe or a device
could block or never end.
"""
from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from kiosk.i18n import _

MAX_LINE_BYTES = 1_048_576
"""A JSON Lines line longer than 1 MiB (of UTF-8) is skipped without being parsed."""
CHUNK_BYTES = 65_536

Format = Literal["json", "jsonl", "csv"]
_SUFFIXES: dict[str, Format] = {
    ".json": "json", ".jsonld": "json", ".json-ld": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".csv": "csv", ".tsv": "csv", ".txt": "csv",
}


class FileError(Exception):
    """A whole file cannot be read; `reason` (localised) says why and what to do."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Encoding:
    """The codec of a file's bytes after its byte-order mark, and how long that mark is."""

    codec: str  # "utf-8", "utf-16-le" or "utf-16-be"
    bom_length: int

    @property
    def newline(self) -> bytes:
        return "\n".encode(self.codec)

    @property
    def unit(self) -> int:
        """Bytes per code unit: a newline only counts at a multiple of this from a line start."""
        return 1 if self.codec == "utf-8" else 2


def probe(path: Path) -> tuple[Format, Encoding]:
    """The format and encoding of an import file, from its name and first bytes.

    .json/.jsonld are JSON documents, .jsonl/.ndjson JSON Lines, .csv/.tsv/.txt CSV; other
    names are JSON when the text starts with "{" or "[", else CSV.

    Raises:
        FileError: the file is missing, a folder, not a regular file (after following
            symbolic links: a FIFO, a device, a socket), unreadable, empty, or UTF-16 without
            a byte-order mark.
    """
    try:
        mode = path.stat().st_mode  # follows symbolic links
    except FileNotFoundError:
        raise FileError(_("The file does not exist.")) from None
    except OSError as exc:
        raise FileError(
            _("The file could not be opened: {error}.").format(error=exc.strerror or exc)
        ) from None
    if stat.S_ISDIR(mode):
        raise FileError(_("This is a folder, not a file. Give the files inside it."))
    if not stat.S_ISREG(mode):
        raise FileError(_("This is not an ordinary file (it is a pipe, a device or a socket), "
                          "so it was not read. Give a saved data file."))
    try:
        # O_NONBLOCK: should the path become a FIFO after the check, opening does not wait.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as stream:
            head = stream.read(CHUNK_BYTES)
    except OSError as exc:
        raise FileError(
            _("The file could not be opened: {error}.").format(error=exc.strerror or exc)
        ) from None
    if looks_like_utf16_without_bom(head):
        raise FileError(_("The file looks like UTF-16 without a byte-order mark (BOM); save it "
                          "again as UTF-8."))
    encoding = sniff_encoding(head)
    text = head[encoding.bom_length:].decode(encoding.codec, errors="ignore")
    if not text.strip() and len(head) < CHUNK_BYTES:
        raise FileError(_("The file is empty."))
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is None:
        kind = "json" if text.lstrip()[:1] in ("{", "[") else "csv"
    return kind, encoding


def sniff_encoding(head: bytes) -> Encoding:
    """UTF-16 when the bytes start with its BOM, else UTF-8 (with or without BOM)."""
    if head.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8", len(codecs.BOM_UTF8))
    if head.startswith(codecs.BOM_UTF16_LE):
        return Encoding("utf-16-le", 2)
    if head.startswith(codecs.BOM_UTF16_BE):
        return Encoding("utf-16-be", 2)
    return Encoding("utf-8", 0)


def looks_like_utf16_without_bom(head: bytes) -> bool:
    """True when the bytes have no BOM and a NUL in most even or most odd positions, as UTF-16
    text of mostly Latin letters has, but (almost) none in the other positions."""
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = head[:4096]
    half = len(sample) // 2
    if half < 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= half // 2 and min(even, odd) <= half // 20


def raw_lines(
    stream: BinaryIO, encoding: Encoding, limit: int = MAX_LINE_BYTES
) -> Iterator[tuple[int, bytes | None]]:
    """(line number from 1, the line's bytes without its newline) for each line of `stream`.

    A line longer than `limit` bytes (twice that for UTF-16) comes back as None and is never
    held in memory whole; memory stays at about `limit` whatever the file size.
    """
    newline, unit = encoding.newline, encoding.unit
    limit *= unit
    buffer = bytearray()
    number = 0
    overflow = False
    scan_from = 0
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            break
        buffer += chunk
        start = 0
        while True:
            end = _find_newline(buffer, newline, unit, start, max(start, scan_from))
            if end < 0:
                break
            number += 1
            yield number, None if overflow or end - start > limit else bytes(buffer[start:end])
            overflow = False
            start = end + len(newline)
            scan_from = start
        del buffer[:start]
        scan_from = max(0, len(buffer) - len(newline) + 1)
        if len(buffer) > limit:
            keep = len(buffer) % unit  # drop whole code units only, to stay aligned
            del buffer[: len(buffer) - keep]
            scan_from = 0
            overflow = True
    if buffer or overflow:
        number += 1
        yield number, None if overflow or len(buffer) > limit else bytes(buffer)


def _find_newline(buffer: bytearray, newline: bytes, unit: int, start: int, pos: int) -> int:
    """Index of the next newline at or after `pos` that sits on a code-unit boundary, or -1."""
    pos = start + (pos - start + unit - 1) // unit * unit if unit > 1 else pos
    while True:
        found = buffer.find(newline, pos)
        if found < 0 or (found - start) % unit == 0:
            return found
        pos = found + 1
