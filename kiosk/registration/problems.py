"""A problem found in an answer: a stable code plus one plain sentence, translated at call time.

`Problem.text()` is the sentence in the kiosk's current language (kiosk.i18n); `text_in(lang)`
in a given one ("id", "en"), for the check-nik command's JSON and for staff logs of codes.
A problem never holds the answer itself unless a placeholder says so (a count, an age).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.i18n import _, translation


@dataclass(frozen=True)
class Problem:
    """`code` names the rule ("nik_length"); `message` is the English msgid; `params` fill its
    placeholders; `field` is the draft field it belongs to ("nik", "phone", ...)."""

    code: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)
    field: str = ""

    def text(self) -> str:
        """The sentence in the current language."""
        return _(self.message).format(**self.params)

    def text_in(self, lang: str) -> str:
        """The sentence in `lang`. Raises ValueError for a language the kiosk does not ship."""
        return translation(lang, self.message).format(**self.params)

    def as_json(self) -> dict[str, str]:
        """{"code", "id", "en"}: the code and the sentence in both languages."""
        return {"code": self.code, "id": self.text_in("id"), "en": self.text_in("en")}
