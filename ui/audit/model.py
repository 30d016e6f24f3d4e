"""What the audit reports: one Finding per fault, where it was seen, and the report of a run."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# One rule per kind of fault (ACCESSIBILITY.md, "How it is checked").
UNNAMED = "unnamed-control"  # an interactive control without an accessible name
TARGET = "target-size"  # a control smaller than 15 mm (20 mm in assisted mode) on a side
GAP = "target-gap"  # two neighbouring controls closer than 4 mm
CONTRAST = "text-contrast"  # rendered text below 4.5:1 (3:1 large; 7:1 / 4.5:1 in assisted)
CAP_HEIGHT = "cap-height"  # capital letters below 6.1 mm times the text size
CLIPPED = "clipped-text"  # text that needs more room than its widget has, or is elided
KEYBOARD = "keyboard-unreachable"  # an enabled control that Tab (or a group's arrows) never reach
UNTRANSLATED = "untranslated"  # see ui.audit.translation for the exact definition
RULES: tuple[str, ...] = (UNNAMED, TARGET, GAP, CONTRAST, CAP_HEIGHT, CLIPPED, KEYBOARD,
                          UNTRANSLATED)


@dataclass(frozen=True)
class Where:
    """One walk: a screen's demo state in one look and language."""

    screen: str  # the route key ("job_search"), or "idle_warning"
    state: str  # the DemoState name
    mode: str  # "default" or "assisted"
    language: str  # "id" or "en"
    text_scale: float  # 1.0 or 2.0


@dataclass(frozen=True)
class Finding:
    """One fault: where, which widget (class#objectName «accessible name»), which rule, and why
    in numbers (millimetres, ratios, pixels)."""

    screen: str
    state: str
    mode: str
    language: str
    text_scale: float
    widget: str
    rule: str
    detail: str

    @classmethod
    def at(cls, where: Where, widget: str, rule: str, detail: str) -> Finding:
        return cls(where.screen, where.state, where.mode, where.language, where.text_scale,
                   widget, rule, detail)

    def line(self) -> str:
        """The finding on one line, for the text report."""
        return (f"{self.screen}/{self.state} [{self.mode}, {self.language}, "
                f"{self.text_scale:.0%}] {self.widget}: {self.rule}: {self.detail}")


@dataclass
class AuditReport:
    """`screens_checked` counts walks (a demo state in one mode, language and text size)."""

    screens_checked: int = 0
    findings: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"screens_checked": self.screens_checked,
                "findings": [asdict(f) for f in self.findings]}
