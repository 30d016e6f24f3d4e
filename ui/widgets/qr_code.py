"""Drawing a QR symbol (kiosk.share.QrMatrix) as a crisp image of at least a given size."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from kiosk.share import QrMatrix

# A QR code is read by phone cameras as dark modules on a light ground; it keeps these two
# colours in every display mode (the high-contrast palette has a black background).
_DARK = QColor("#000000")
_LIGHT = QColor("#FFFFFF")


def qr_image(matrix: QrMatrix, min_side_px: int) -> QImage:
    """The symbol, quiet zone included, with every module the same whole number of pixels.

    The side is the smallest multiple of the matrix size that reaches `min_side_px`, so modules
    stay square and sharp (a scaled image would blur their edges).
    """
    module_px = max(1, math.ceil(min_side_px / matrix.size))
    side = module_px * matrix.size
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(_LIGHT)
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_DARK)
    for y, row in enumerate(matrix.modules):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(x * module_px, y * module_px, module_px, module_px)
    painter.end()
    return image


def qr_pixmap(matrix: QrMatrix, min_side_px: int) -> QPixmap:
    """`qr_image` as a pixmap for a QLabel."""
    return QPixmap.fromImage(qr_image(matrix, min_side_px))
