"""What a screen says about itself (issue 6 "Narration"). No Qt.

Every screen describes itself as a `Narration`: its title, what to do, what is on it in
reading order (for results: how many, then each card), and the current error if any. The Qt
glue (ui/speech.py) speaks `text()` on "Bacakan" and, in assisted mode, on entry.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Narration:
    """A screen in words, in the current language.

    Attributes:
        title: the screen's name ("Cari Lowongan").
        instruction: what the resident can do here ("" when the title says it).
        items: what is on the screen, in reading order (each a short sentence or phrase).
        error: the problem shown now, or None.
    """

    title: str
    instruction: str = ""
    items: tuple[str, ...] = ()
    error: str | None = None

    def parts(self) -> tuple[str, ...]:
        """The non-empty pieces in speaking order: the error first after the title, since it
        is what the resident must deal with now."""
        pieces = [self.title, self.error or "", self.instruction, *self.items]
        return tuple(p.strip() for p in pieces if p and p.strip())

    def text(self) -> str:
        """One text to speak: each piece ends with a full stop (a pause in the voice)."""
        return " ".join(_sentence(p) for p in self.parts())


def _sentence(piece: str) -> str:
    return piece if piece[-1] in ".?!:;" else piece + "."
