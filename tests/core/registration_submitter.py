"""Child process of the SIGKILL test: submits registrations in a loop until it is killed.

Usage: python -m tests.core.registration_submitter DATA_DIR START
Prints "ready" once the services are open, then submits NIKs with serials START, START+1, ...
"""
from __future__ import annotations

import sys
from pathlib import Path

from kiosk.registration.form import check_draft
from kiosk.services import open_services
from tests.core.registration_drafts import TODAY_UTC, valid_draft


def main() -> None:
    data_dir, start = Path(sys.argv[1]), int(sys.argv[2])
    services = open_services(data_dir, lambda: TODAY_UTC, seed_demo=False)
    # Load the rules' tables (phone metadata, region codes) first, so kills land in writes.
    check_draft(valid_draft(), today=TODAY_UTC.date(), min_age=18, regions=services.regions)
    print("ready", flush=True)
    serial = start
    while True:
        nik = f"337401450799{serial % 10000:04d}"
        result = services.submit_registration(valid_draft(nik=nik))
        assert result.reference and not result.problems, result.problems
        serial += 1


if __name__ == "__main__":
    main()
