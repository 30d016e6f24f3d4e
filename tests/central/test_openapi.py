"""The checked-in OpenAPI document matches the server, and the live server keeps it (schemathesis).

Regenerate after an API change: `siker-central openapi -o sync/central/openapi.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sync.central.cli import render_openapi
from tests.central.server import CentralServer

DOCUMENT = Path(__file__).resolve().parents[2] / "sync" / "central" / "openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_checked_in_document_matches_the_server() -> None:
    assert DOCUMENT.read_text(encoding="utf-8") == render_openapi(), (
        "sync/central/openapi.json is stale: run siker-central openapi -o sync/central/openapi.json"
    )


def test_every_kiosk_operation_is_documented_with_its_errors() -> None:
    paths = json.loads(DOCUMENT.read_text(encoding="utf-8"))["paths"]
    for path, method in (
        ("/api/v1/sync/push", "post"),
        ("/api/v1/sync/pull", "get"),
        ("/api/v1/heartbeat", "post"),
    ):
        assert {"200", "401", "413" if method == "post" else "410", "422", "429"} <= set(
            paths[path][method]["responses"]
        ), path
    assert not any(p.startswith(("/staff", "/office")) for p in paths)


def test_schemathesis_finds_no_5xx_and_no_schema_violation(
    central_db_url: str, start_central
) -> None:
    server: CentralServer = start_central(
        central_db_url,
        env={"SIKER_CENTRAL_RATE_PER_MINUTE": "100000", "SIKER_CENTRAL_RATE_BURST": "100000"},
    )
    kiosk = server.enroll("Kiosk Schemathesis")
    schema = schemathesis.openapi.from_path(DOCUMENT)
    auth = {"Authorization": f"Bearer {kiosk.token}"}
    tried = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=30,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: schemathesis.Case) -> None:
                nonlocal tried
                tried += 1
                headers = dict(case.headers or {})
                headers.setdefault("Authorization", auth["Authorization"])
                response = case.call(base_url=server.base_url, headers=headers, timeout=30)
                case.validate_response(response, checks=CHECKS)

            try:
                check()
            except Unsatisfiable:
                # Nothing can be invalid about an operation without parameters or body.
                assert mode == GenerationMode.NEGATIVE, operation.label
    assert tried >= 100
    # Still serving, and the kiosk still works.
    assert kiosk.pull().status_code == 200
