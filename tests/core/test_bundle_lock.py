"""requirements/bundle.lock (what `make bundle` installs) still satisfies pyproject.toml."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_every_runtime_gui_and_bundle_dependency_is_pinned_with_hashes_within_its_range():
    requirements = pytest.importorskip("packaging.requirements")
    utils = pytest.importorskip("packaging.utils")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + [
        d for extra in ("gui", "bundle") for d in project["optional-dependencies"][extra]
    ]
    lock = (REPO / "requirements" / "bundle.lock").read_text(encoding="utf-8")
    pins = {utils.canonicalize_name(name): version
            for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", lock, re.MULTILINE)}
    entries = re.findall(r"^[A-Za-z0-9_.-]+==\S+ \\\n\s+--hash=sha256:[0-9a-f]{64}", lock,
                         re.MULTILINE)
    assert len(entries) == len(pins), "every pin carries its hashes"
    stale = []
    for text in wanted:
        requirement = requirements.Requirement(text)
        version = pins.get(utils.canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            stale.append(f"{text} (locked: {version})")
    assert stale == [], f"run `make lock`: {stale}"
