"""Carrying a vacancy to a resident's phone: the QR payload and its module matrix (no Qt here).

A phone camera opens a web address directly and shows anything else as text, so a vacancy with
a real address gives that address; otherwise (or for demo vacancies) a few short lines of text.
"""
from __future__ import annotations

from dataclasses import dataclass

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError

from kiosk import formatting as fmt
from kiosk.i18n import _
from kiosk.region import RegionTable
from kiosk.vacancy import Vacancy

# Version 25 has 117 modules a side; beyond it a 40-60 mm code on a kiosk screen has modules
# under 0.4 mm, which phone cameras at arm's length read poorly (ISO/IEC 18004 versions 1-40).
MAX_VERSION = 25
QUIET_ZONE = 4  # modules of blank margin on each side, as ISO/IEC 18004 requires
MAX_URL_BYTES = 600
_MAX_FIELD_CHARS = 90


@dataclass(frozen=True)
class QrMatrix:
    """A QR symbol at error-correction level M (about 15 % of it may be damaged and still read).

    `modules[row][column]` is True for a dark module; the quiet zone is included, so the
    matrix is `size` x `size` with size = 17 + 4 * version + 2 * QUIET_ZONE.
    """

    version: int
    modules: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        return len(self.modules)


def _shorten(text: str, limit: int = _MAX_FIELD_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _usable_url(vacancy: Vacancy) -> str | None:
    url = (vacancy.url or "").strip()
    if vacancy.is_demo or not url.lower().startswith(("https://", "http://")):
        return None
    if " " in url or len(url.encode("utf-8")) > MAX_URL_BYTES:
        return None
    return url


def share_text(vacancy: Vacancy, regions: RegionTable, field_chars: int = _MAX_FIELD_CHARS) -> str:
    """The plain-text card a phone shows after scanning, in the current language.

    Lines: heading, title, employer, place, salary, closing date, how to apply, source code;
    free-text fields are cut to `field_chars` characters. Dashes are plain ASCII so phones that
    assume another character set still show them.
    """
    heading = _("Job vacancy from the SIKER kiosk, Kota Semarang")
    if vacancy.is_demo:
        heading = _("EXAMPLE ONLY, not a real vacancy")
    lines = [
        heading,
        _shorten(vacancy.title, field_chars),
        _shorten(vacancy.employer, field_chars),
        _shorten(fmt.place_text(vacancy, regions), field_chars),
        fmt.vacancy_salary_text(vacancy).replace("–", "-"),
        fmt.closing_text(vacancy),
    ]
    if not vacancy.is_demo:
        lines.append(_("To apply, visit Disnaker Kota Semarang"))
    code = _shorten(f"{vacancy.source} {vacancy.source_id}", field_chars)
    lines.append(_("Code: {code}").format(code=code))
    return "\n".join(lines)


def qr_matrix(payload: str) -> QrMatrix:
    """Encode `payload` (UTF-8, byte mode) at error correction M in the smallest version.

    Raises:
        ValueError: the payload needs a version above MAX_VERSION.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(payload.encode("utf-8"))
    try:
        code.make(fit=True)
    except DataOverflowError as exc:
        raise ValueError("the QR payload is too long for any QR version") from exc
    if code.version > MAX_VERSION:
        raise ValueError(f"the QR payload needs version {code.version}, above {MAX_VERSION}")
    return QrMatrix(code.version, tuple(tuple(bool(m) for m in row) for row in code.get_matrix()))


def vacancy_qr(vacancy: Vacancy, regions: RegionTable) -> tuple[str, QrMatrix]:
    """The payload for a vacancy and its QR symbol, never above MAX_VERSION.

    A text payload whose fields are unusually long (or written in many-byte characters) is
    rebuilt with shorter fields until it fits.
    """
    url = _usable_url(vacancy)
    if url is not None:
        return url, qr_matrix(url)
    for field_chars in (_MAX_FIELD_CHARS, 45, 20):
        payload = share_text(vacancy, regions, field_chars)
        try:
            return payload, qr_matrix(payload)
        except ValueError:
            continue
    raise ValueError("the vacancy's text does not fit a QR code even when shortened")
