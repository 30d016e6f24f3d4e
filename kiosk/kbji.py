"""KBJI 2014 major groups (golongan pokok) and a keyword guess of a job title's group.

KBJI 2014 (Klasifikasi Baku Jabatan Indonesia, BPS) follows ISCO-08; its one-digit golongan
pokok are the same ten groups. The keyword rules are the team's own, kept in assets/kbji/.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assets import ASSETS_DIR
from kiosk.textnorm import tokens

KEYWORD_FILE = ASSETS_DIR / "kbji" / "keywords.json"

MAJOR_GROUPS: dict[str, str] = {
    "0": "Tentara Nasional Indonesia (TNI) dan Kepolisian Negara Republik Indonesia (POLRI)",
    "1": "Manajer",
    "2": "Profesional",
    "3": "Teknisi dan Asisten Profesional",
    "4": "Tenaga Tata Usaha",
    "5": "Tenaga Usaha Jasa dan Tenaga Penjualan",
    "6": "Pekerja Terampil Pertanian, Kehutanan dan Perikanan",
    "7": "Pekerja Pengolahan, Kerajinan, dan YBDI",
    "8": "Operator dan Perakit Mesin",
    "9": "Pekerja Kasar",
}
"""The ten golongan pokok of KBJI 2014 (BPS), code -> official Indonesian title."""


@dataclass(frozen=True)
class _Rule:
    words: tuple[str, ...]  # folded tokens of one word or phrase
    group: str
    weight: float


class KbjiClassifier:
    """Guesses the KBJI 2014 major group of a vacancy from its title and category words.

    Rules come from a JSON table (`KEYWORD_FILE`): each rule maps Indonesian or English job
    words or phrases to a group with a weight (2 for words that name the job, such as "guru" or
    "manager"; 1 for words that only hint at it, such as "sales" or "gudang"). At each position
    of a text the longest matching phrase counts, so "asisten dokter gigi" is not read as "dokter".
    The title decides: the groups with the highest title score (sum of rule weights) are kept,
    and the hints (the job board's Function, Subcategory and Category, or schema.org
    occupationalCategory) only break a tie between them, or choose alone when no title word
    matches. A remaining tie goes to the group matched first, left to right. The table is read on
    first use, not at import.
    """

    def __init__(self, path: Path = KEYWORD_FILE) -> None:
        self._path = path
        self._index: dict[str, list[_Rule]] | None = None

    def _load(self) -> dict[str, list[_Rule]]:
        doc = json.loads(self._path.read_text(encoding="utf-8"))
        index: dict[str, list[_Rule]] = {}
        for entry in doc["rules"]:
            group = str(entry["group"])
            if group not in MAJOR_GROUPS:
                raise ValueError(f"{self._path}: unknown KBJI major group {group!r}")
            for phrase in entry["words"]:
                words = tuple(tokens(phrase))
                if words:
                    rule = _Rule(words, group, float(entry["weight"]))
                    index.setdefault(words[0], []).append(rule)
        for rules in index.values():
            rules.sort(key=lambda r: -len(r.words))
        return index

    def _matches(self, index: dict[str, list[_Rule]], text: str) -> list[_Rule]:
        words = tokens(text)
        found: list[_Rule] = []
        i = 0
        while i < len(words):
            for rule in index.get(words[i], ()):
                if tuple(words[i : i + len(rule.words)]) == rule.words:
                    found.append(rule)
                    i += len(rule.words)
                    break
            else:
                i += 1
        return found

    def major_group(self, title: str, hints: Iterable[str] = ()) -> str | None:
        """The golongan pokok code ("0".."9") the title most likely belongs to, or None.

        Args:
            title: the vacancy's title, e.g. "Staff Admin Gudang".
            hints: weaker category texts, e.g. the job board's Function and Category.

        Raises:
            OSError, ValueError, KeyError: the keyword table is missing or malformed.
        """
        if self._index is None:
            self._index = self._load()
        order: list[str] = []
        title_scores = self._score(self._index, [title], order)
        hint_scores = self._score(self._index, hints, order)
        candidates = order
        if title_scores:
            best_title = max(title_scores.values())
            candidates = [g for g in order if title_scores.get(g) == best_title]
        if not candidates:
            return None
        best_hint = max(hint_scores.get(g, 0.0) for g in candidates)
        return next(g for g in candidates if hint_scores.get(g, 0.0) == best_hint)

    def _score(
        self, index: dict[str, list[_Rule]], texts: Iterable[str], order: list[str]
    ) -> dict[str, float]:
        """Sum of rule weights per group over `texts`; appends newly seen groups to `order`."""
        scores: dict[str, float] = {}
        for text in texts:
            for rule in self._matches(index, text):
                scores[rule.group] = scores.get(rule.group, 0.0) + rule.weight
                if rule.group not in order:
                    order.append(rule.group)
        return scores


def major_group_title(code: str) -> str | None:
    """The official Indonesian title of a golongan pokok code, or None for an unknown code."""
    return MAJOR_GROUPS.get(code)
