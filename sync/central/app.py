"""The app factory: `create_app(config)` gives the FastAPI app; uvicorn's workers call
`app_from_env()` (the CLI passes the config through SIKER_CENTRAL_* variables).

`app.state` holds what routes need: `config` (CentralConfig), `engine` (sqlalchemy Engine),
`keys` (crypto.Keys). Other parts plug in through EXTENSIONS below (see README.md in this
folder); the schema is migrated by the CLI, not here.
"""

from __future__ import annotations

import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from sync.central import api, errors
from sync.central.config import CentralConfig
from sync.central.crypto import Keys
from sync.central.db import make_engine
from sync.central.middleware import BodyLimitMiddleware
from sync.protocol import API_PREFIX, PROTOCOL_VERSION

# Other parts of the server, as (module, function): each function gets the app once, after the
# API routes are in, and adds its routers, state and startup work. A module that does not exist
# (yet) is skipped; an error inside one is raised.
EXTENSIONS: list[tuple[str, str]] = [("sync.central.office", "install")]


def _install_extensions(app: FastAPI) -> None:
    import importlib

    for module_name, function in EXTENSIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and module_name.startswith(exc.name):
                continue
            raise
        install = getattr(module, function, None)
        if install is not None:
            install(app)


def create_app(
    config: CentralConfig, *, engine: sa.Engine | None = None, keys: Keys | None = None
) -> FastAPI:
    """The server app. `engine` and `keys` default to the config's database and data folder."""
    app = FastAPI(
        title="SIKER central server",
        version=PROTOCOL_VERSION,
        description="Kiosk sync API of SIKER (Disnaker Kota Semarang): enroll, push, pull, "
        "heartbeat. Errors answer ErrorBody JSON with Indonesian and English reasons.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.config = config
    app.state.engine = engine or make_engine(config.resolved_database_url())
    app.state.keys = keys or Keys.load(config.resolved_data_dir())
    errors.install(app)
    app.include_router(api.router)
    _install_extensions(app)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimitMiddleware, max_bytes=config.max_body_bytes)  # outermost
    return app


def app_from_env() -> FastAPI:
    """The app of a uvicorn worker: config from SIKER_CENTRAL_* variables."""
    return create_app(CentralConfig.from_env())
