"""`siker-kiosk audit`: every screen of the registry, in every look and language, checked against
the numbers of ACCESSIBILITY.md through QAccessible, as a screen reader and a finger meet it.

API:
    run_audit(settings) -> AuditReport          # the whole walk (ui.audit.run)
    audit_tree(root, where, scale, target_mm, assisted) -> list[Finding]
                                                # one widget tree, every rule but translation
    untranslated(id_texts, en_texts, where_en) -> list[Finding]   (ui.audit.translation)
    Finding(screen, state, mode, language, text_scale, widget, rule, detail)
    RULES: the rule names, one per kind of fault (ui.audit.model)
"""
from __future__ import annotations

from ui.audit.model import RULES, AuditReport, Finding, Where
from ui.audit.tree import audit_tree

__all__ = ["RULES", "AuditReport", "Finding", "Where", "audit_tree"]
