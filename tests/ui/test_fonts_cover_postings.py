"""Every character of a posting renders: the bundled Noto Sans, with DejaVu Sans behind it for
the marks it lacks, covers all the text the importer keeps (emoji are spelled out on import)."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QRawFont

from kiosk.importer.text import clean_line, clean_multiline
from ui.theme import FALLBACK_FAMILY, FAMILY, FONT_DIR, FONT_FILES, Theme

SIGNS = "•●○■□▪▶►→←↑↓★☆✓✔✗☎♥♦€£©®™°½±×÷≥≤≠∞√–—“”‘’…·"


def _covers(text: str) -> list[str]:
    fonts = [QRawFont(QByteArray((FONT_DIR / name).read_bytes()), 12.0) for name in FONT_FILES
             if "Bold" not in name]
    assert all(font.isValid() for font in fonts)
    return sorted({ch for ch in text if not ch.isspace()
                   and not any(font.supportsCharacter(ord(ch)) for font in fonts)})


def test_the_theme_falls_back_to_dejavu_sans(theme: Theme) -> None:
    assert theme.font("body").families()[:2] == [FAMILY, FALLBACK_FAMILY]


def test_every_character_of_the_real_postings_has_a_glyph(
    theme: Theme, shared_data: Path
) -> None:
    seen: set[str] = set()
    with (shared_data / "job_postings_id.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for key in ("Title", "Company", "Location"):
                if isinstance(record.get(key), str):
                    seen.update(clean_line(record[key]))
            if isinstance(record.get("Description"), str):
                seen.update(clean_multiline(record["Description"]))
    assert _covers("".join(seen)) == []


def test_signs_employers_type_and_word_bullets_have_glyphs(theme: Theme) -> None:
    assert _covers(SIGNS) == []
    pasted = clean_multiline("\uf0b7 Jujur\n\uf0d8 Teliti\n\uf0fc SIM C\n🔥 Segera")
    assert pasted == "• Jujur\n► Teliti\n✓ SIM C\n(api) Segera"
    assert _covers(pasted) == []
