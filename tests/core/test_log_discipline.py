"""The suite's log discipline (tests/conftest.py): undeclared warnings and errors fail a test."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CASES = '''
import logging

import pytest


def test_undeclared_warning():
    logging.getLogger("kiosk.importer").warning("boom")


@pytest.mark.expected_log("kiosk.importer", "WARNING")
def test_declared_warning_from_a_child_logger():
    logging.getLogger("kiosk.importer.csvfile").warning("expected")


def test_declared_inside_the_test(expect_log):
    expect_log("ui", "ERROR")
    logging.getLogger("ui.tasks").error("expected")


@pytest.mark.expected_log("kiosk.importer", "WARNING")
def test_an_error_where_a_warning_was_declared():
    logging.getLogger("kiosk.importer").error("boom")


def test_other_libraries_and_info_are_not_ours_to_judge():
    logging.getLogger("PIL").warning("not ours")
    logging.getLogger("kiosk").info("fine")
'''


def test_undeclared_records_fail_and_declared_ones_pass(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(textwrap.dedent('''
        from tests.conftest import _log_allowances, expect_log, no_unexpected_log  # noqa: F401

        def pytest_configure(config):
            config.addinivalue_line("markers", "expected_log(logger, level): declared")
    '''))
    (tmp_path / "test_cases.py").write_text(CASES)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
         "-c", str(tmp_path / "pytest.ini"), "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=REPO, capture_output=True, text=True, timeout=60,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    outcome = {line.split("::")[1].split()[0]: line.split()[0]
               for line in done.stdout.splitlines()
               if "::" in line and line.split()[0] in ("PASSED", "ERROR", "FAILED")}
    assert outcome == {
        "test_undeclared_warning": "ERROR",
        "test_declared_warning_from_a_child_logger": "PASSED",
        "test_declared_inside_the_test": "PASSED",
        "test_an_error_where_a_warning_was_declared": "ERROR",
        "test_other_libraries_and_info_are_not_ours_to_judge": "PASSED",
    }, done.stdout + done.stderr
    assert "ERROR kiosk.importer: boom" in done.stdout
