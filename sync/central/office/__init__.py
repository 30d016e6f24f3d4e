"""The office's side of the central server: staff accounts, the pages petugas work in (fleet,
registrations, duplicates, vacancies, audit, exports), the open-data feed and the commands
create-user, publish-vacancies and export-registrations.

`install(app)` is called by the app factory (sync/central/app.py EXTENSIONS) once the API routes
are in; it reads app.state.config, .engine and .keys.
"""
from __future__ import annotations

import os
from typing import Any

SECURE_COOKIES_ENV = "SIKER_OFFICE_SECURE_COOKIES"
"""Set to 1 behind an HTTPS reverse proxy: the session cookie then carries `Secure`."""


def install(app: Any) -> None:
    """Mount the office pages and the open-data routes on the core's app."""
    from sync.central.office.mount import install_office

    config = app.state.config
    install_office(
        app, engine=app.state.engine, keys=app.state.keys,
        data_dir=config.resolved_data_dir(),
        enrollment_minutes=config.enrollment_minutes,
        sync_interval_seconds=config.sync_interval_seconds,
        max_upload_bytes=config.max_body_bytes,
        secure_cookies=os.environ.get(SECURE_COOKIES_ENV) == "1",
    )
