"""The whole audit over every registered screen (ACCESSIBILITY.md: "The goal is zero findings,
and the tests hold it there").

One walk of every state in every look and language (default and assisted mode, 100 % and
200 % text, Indonesian and English), shared by the tests below: every screen at zero findings,
as `siker-kiosk audit --json` prints it; the default look and each screen's own test say
which part broke when one fails.
"""
from __future__ import annotations

import json

import pytest

from kiosk.settings import Settings
from ui.audit.run import LANGUAGES, MODES, TEXT_SCALES, print_report, run_audit
from ui.screens.base import Route


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


# The job search and the vacancy detail: no finding in any look or language.
ZERO_IN_EVERY_LOOK = {Route.JOB_SEARCH.key, Route.VACANCY_DETAIL.key}


@pytest.mark.timeout(300)
def test_the_job_search_and_vacancy_detail_have_no_findings_in_any_look(report) -> None:
    assert [f.line() for f in report.findings if f.screen in ZERO_IN_EVERY_LOOK] == []


# Home and the AK1 registration (issue 6 item 3): no finding in any look or language.
OWN_SCREENS = {r.key for r in Route if r is Route.HOME or r.name.startswith("REG_")}


@pytest.mark.timeout(300)
def test_home_and_the_registration_have_no_findings_in_any_look(report) -> None:
    assert [f.line() for f in report.findings if f.screen in OWN_SCREENS] == []


@pytest.mark.timeout(300)
def test_every_look_has_no_findings(report, capsys: pytest.CaptureFixture[str]) -> None:
    assert [f.line() for f in report.findings] == []
    assert print_report(report, as_json=True) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == {"screens_checked": report.screens_checked, "findings": []}
