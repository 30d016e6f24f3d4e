"""Printing slips (the AK1 receipt, a vacancy) on 58 mm or 80 mm thermal paper or A4 through
QPrinter; where no printer is present, a PDF for staff in the data folder.

A slip carries nothing personal but the resident's name (and the name is left out of a PDF
written to disk: the staff folder is not encrypted, and staff find the record by its reference).
The staff folder `<data dir>/staff/print/` is created with mode 0700, each PDF with 0600, and
PDFs older than PDF_KEEP_DAYS are deleted whenever another is written.
"""
from __future__ import annotations

import html
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.share import qr_matrix
from ui.widgets.qr_code import qr_image

log = logging.getLogger(__name__)
PDF_KEEP_DAYS = 7
STAFF_PRINT_DIR = Path("staff") / "print"
_MM_PER_PT = 25.4 / 72


class Paper(Enum):
    """Paper the kiosk prints on: width in mm (thermal rolls have no fixed length)."""

    THERMAL_58 = "58mm"
    THERMAL_80 = "80mm"
    A4 = "a4"

    @property
    def width_mm(self) -> float:
        return {"58mm": 58.0, "80mm": 80.0, "a4": 210.0}[self.value]

    @property
    def margin_mm(self) -> float:
        # A 58 mm roll prints 48 mm wide; 80 mm prints 72 mm (the usual ESC/POS heads).
        return {"58mm": 5.0, "80mm": 4.0, "a4": 20.0}[self.value]


@dataclass(frozen=True)
class SlipLine:
    text: str
    style: str = "body"  # "title", "big" (the reference), "heading", "body", "small"
    personal: bool = False  # printed on paper, left out of a PDF saved to disk


@dataclass(frozen=True)
class Slip:
    """What to print: lines in order and an optional QR code payload after the first lines."""

    kind: str  # "receipt", "vacancy": part of the PDF's file name
    lines: Sequence[SlipLine]
    qr_payload: str = ""
    qr_after: int = 2  # the QR code follows this many lines

    def for_file(self) -> Slip:
        """The slip without its personal lines, for a PDF kept on disk."""
        return Slip(self.kind, [ln for ln in self.lines if not ln.personal], self.qr_payload,
                    self.qr_after)


@dataclass(frozen=True)
class PrintResult:
    printed: bool  # sent to a printer
    pdf_path: Path | None = None  # written for staff instead
    printer_name: str = ""
    notes: list[str] = field(default_factory=list)


_SIZES = {"title": 16, "big": 22, "heading": 12, "body": 10, "small": 8}  # points


def slip_html(slip: Slip, paper: Paper) -> str:
    """The slip as simple HTML for QTextDocument (the QR code as resource "qr")."""
    scale = 1.4 if paper is Paper.A4 else 1.0
    parts: list[str] = []
    for index, line in enumerate(slip.lines):
        if slip.qr_payload and index == slip.qr_after:
            parts.append('<p align="center"><img src="qr"></p>')
        size = round(_SIZES.get(line.style, 10) * scale)
        if paper is Paper.THERMAL_58 and line.style == "big":
            size = 14  # the reference stays on one line of a 48 mm print width
        bold = line.style in ("title", "big", "heading")
        align = ' align="center"' if line.style in ("title", "big") else ""
        text = html.escape(line.text).replace("\n", "<br>")
        weight = "font-weight:bold;" if bold else ""
        spacing = "letter-spacing:2px;" if line.style == "big" and paper is not Paper.THERMAL_58 \
            else ""
        parts.append(f'<p{align} style="font-size:{size}pt;{weight}{spacing}">{text}</p>')
    if slip.qr_payload and len(slip.lines) <= slip.qr_after:
        parts.append('<p align="center"><img src="qr"></p>')
    return "<html><body style=\"font-family:'Noto Sans'\">" + "".join(parts) + "</body></html>"


def _document(slip: Slip, paper: Paper) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    if slip.qr_payload:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("qr"),
                        qr_image(qr_matrix(slip.qr_payload), 600))
    doc.setHtml(slip_html(slip, paper).replace(
        '<img src="qr">', f'<img src="qr" width="{_qr_width_px(paper)}">'))
    return doc


def _qr_width_px(paper: Paper) -> int:
    side_mm = 45.0 if paper is Paper.A4 else min(30.0, paper.width_mm - 2 * paper.margin_mm)
    return round(side_mm / _MM_PER_PT)  # QTextDocument lays out in points on a printer


def _setup(printer: QPrinter, doc: QTextDocument, paper: Paper) -> None:
    margin = paper.margin_mm
    text_width_pt = (paper.width_mm - 2 * margin) / _MM_PER_PT
    doc.setTextWidth(text_width_pt)
    if paper is Paper.A4:
        size = QPageSize(QPageSize.PageSizeId.A4)
    else:
        # A roll: as long as the slip, so the cutter cuts right after it.
        # Slack for the printer's own font metrics: a second page would be cut off a roll.
        height_mm = doc.size().height() * _MM_PER_PT * 1.15 + 2 * margin + 10.0
        size = QPageSize(QSizeF(paper.width_mm, max(height_mm, 60.0)),
                         QPageSize.Unit.Millimeter, "roll")
    layout = QPageLayout(size, QPageLayout.Orientation.Portrait,
                         QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)
    printer.setPageLayout(layout)
    doc.setPageSize(QSizeF(text_width_pt, layout.paintRect(QPageLayout.Unit.Point).height()))


def render_pdf(slip: Slip, paper: Paper, path: Path) -> Path:
    """Write `slip` as a PDF at `path` (used for staff PDFs and in tests).

    Raises:
        OSError: the file could not be written.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setCreator("SIKER Kiosk")
    printer.setDocName(slip.kind)
    doc = _document(slip, paper)
    _setup(printer, doc, paper)
    doc.print_(printer)
    if not path.exists():
        raise OSError(f"the PDF {path} was not written")
    os.chmod(path, 0o600)
    return path


def staff_folder(data_dir: Path) -> Path:
    """`<data dir>/staff/print`, created readable by the kiosk user only."""
    folder = data_dir / STAFF_PRINT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for part in (data_dir / "staff", folder):
        os.chmod(part, 0o700)
    return folder


def purge_old_pdfs(data_dir: Path, now: float | None = None) -> int:
    """Delete staff PDFs older than PDF_KEEP_DAYS; returns how many went."""
    folder = data_dir / STAFF_PRINT_DIR
    if not folder.is_dir():
        return 0
    limit = (now if now is not None else time.time()) - PDF_KEEP_DAYS * 86400
    gone = 0
    for pdf in folder.glob("*.pdf"):
        if pdf.stat().st_mtime < limit:
            pdf.unlink(missing_ok=True)
            gone += 1
    return gone


def print_slip(slip: Slip, paper: Paper, data_dir: Path, when: datetime,
               printer_name: str | None = None) -> PrintResult:
    """Print on the kiosk's printer (`printer_name`, else the system default); with none,
    save the slip without personal lines as a PDF in the staff folder.

    Raises:
        OSError: no printer, and the PDF could not be written either.
    """
    info = QPrinterInfo.printerInfo(printer_name) if printer_name else \
        QPrinterInfo.defaultPrinter()
    if not info.isNull():
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        doc = _document(slip, paper)
        _setup(printer, doc, paper)
        doc.print_(printer)
        log.info("Printed a %s slip on %s", slip.kind, info.printerName())
        return PrintResult(printed=True, printer_name=info.printerName())
    folder = staff_folder(data_dir)
    purge_old_pdfs(data_dir)
    path = folder / f"{when:%Y%m%d-%H%M%S}-{slip.kind}-{paper.value}.pdf"
    render_pdf(slip.for_file(), paper, path)
    log.info("No printer: saved a %s slip for staff as %s", slip.kind, path.name)
    return PrintResult(printed=False, pdf_path=path)
