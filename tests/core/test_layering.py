"""Backstop for the import-linter contracts: the Qt-free packages really load without Qt."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import REPO

QT_FREE = ("kiosk", "accessibility", "sync")


def test_kiosk_accessibility_and_sync_import_without_pulling_in_pyside6() -> None:
    script = textwrap.dedent(
        f"""
        import importlib, pkgutil, sys
        imported = []
        for name in {QT_FREE!r}:
            package = importlib.import_module(name)
            imported.append(name)
            for info in pkgutil.walk_packages(package.__path__, prefix=name + "."):
                importlib.import_module(info.name)
                imported.append(info.name)
        qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
        print(len(imported))
        print(",".join(qt))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    count, qt_modules = done.stdout.splitlines()[-2:]
    assert int(count) >= 10  # every module was really imported, not just the empty packages
    assert qt_modules == ""
