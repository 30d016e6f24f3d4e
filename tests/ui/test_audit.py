"""The whole audit over every registered screen (ACCESSIBILITY.md: "The goal is zero findings,
and the tests hold it there").

One walk of every state in every look and language, shared by the tests below:
- the kiosk's default look (100 % text) holds at zero findings in both languages, on every
  screen, the registration steps included;
- the job search and the vacancy detail are at zero in every look (ZERO_IN_EVERY_LOOK);
- the whole matrix (assisted mode and 200 % text too) is not at zero yet: home and the
  registration steps crowd at 200 % (issue 6 stays open for it). That test is a strict xfail,
  so it fails the suite the day the matrix reaches zero and the mark must go; and the findings
  it has may not grow past today's count.
"""
from __future__ import annotations

import json

import pytest

from kiosk.settings import Settings
from ui.audit.run import LANGUAGES, MODES, TEXT_SCALES, print_report, run_audit
from ui.screens.base import Route

# Findings of the full matrix at the end of 2026-12-02 (300, all at 200 % text or in assisted
# mode, none on the job search or the vacancy detail: Home, and the registration steps, whose
# keyboard rows and columns crowd now that the job search no longer widens the window past
# the panel for them; docs/accessibility.md). Lower it as the reflow lands; never raise it.
KNOWN_AT_MOST = 300


@pytest.fixture(scope="module")
def report(qapp, tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("audit") / "data"
    return run_audit(Settings(data_dir=data, lang="id"))


@pytest.mark.timeout(300)
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_every_state_in_every_look_and_language_is_walked(report) -> None:
    states = sum(len(route.screen_class().demo_states) for route in Route) + 1  # + idle
    assert report.screens_checked == states * len(MODES) * len(TEXT_SCALES) * len(LANGUAGES)


@pytest.mark.timeout(300)
def test_the_default_look_has_no_findings_on_any_screen(report) -> None:
    default = [f.line() for f in report.findings
               if f.mode == "default" and f.text_scale == 1.0]
    assert default == []


# Routes whose every look and language is at zero findings (issue 6): held there.
ZERO_IN_EVERY_LOOK = {Route.JOB_SEARCH.key, Route.VACANCY_DETAIL.key}


@pytest.mark.timeout(300)
def test_the_screens_brought_to_zero_have_no_findings_in_any_look(report) -> None:
    assert [f.line() for f in report.findings if f.screen in ZERO_IN_EVERY_LOOK] == []


@pytest.mark.timeout(300)
def test_the_findings_of_the_whole_matrix_never_grow(report) -> None:
    assert len(report.findings) <= KNOWN_AT_MOST, "\n".join(f.line() for f in report.findings)


@pytest.mark.xfail(strict=True, reason="issue 6: home and registration crowd at 200 %")
@pytest.mark.timeout(300)
def test_every_look_has_no_findings(report, capsys: pytest.CaptureFixture[str]) -> None:
    assert [f.line() for f in report.findings] == []
    assert print_report(report, as_json=True) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == {"screens_checked": report.screens_checked, "findings": []}
