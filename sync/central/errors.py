"""Every error of /api/v1 answers protocol.ErrorBody JSON, never a traceback or HTML.

Raise `ApiError(status, "code", "kalimat", "sentence")` in a route; the handlers here turn it,
FastAPI's validation errors and anything unexpected into the same body. `ERROR_RESPONSES`
documents the shared error answers in the OpenAPI document (schemathesis checks them).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import ErrorBody

log = logging.getLogger("siker.central")


class ApiError(StarletteHTTPException):
    """An error answer with a machine code and an Indonesian and English reason."""

    def __init__(
        self,
        status_code: int,
        error: str,
        reason_id: str,
        reason_en: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status_code, detail=reason_en, headers=headers)
        self.body = ErrorBody(error=error, reason_id=reason_id, reason_en=reason_en)


def error_response(
    status_code: int,
    error: str,
    reason_id: str,
    reason_en: str,
    headers: dict[str, str] | None = None,
    details: list[str] | None = None,
) -> JSONResponse:
    """The JSON answer for an error, for code that cannot raise (middleware)."""
    body = ErrorBody(error=error, reason_id=reason_id, reason_en=reason_en, details=details)
    return JSONResponse(body.model_dump(exclude_none=True), status_code, headers=headers)


_GENERIC = {
    400: ("bad_request", "Isi permintaan tidak dapat dibaca (harus JSON UTF-8).",
          "The request body cannot be read (it must be UTF-8 JSON)."),
    401: ("unauthorized", "Perangkat tidak dikenal atau dicabut.", "Unknown or revoked device."),
    404: ("not_found", "Alamat tidak ditemukan.", "Not found."),
    405: ("method_not_allowed", "Metode tidak diizinkan.", "Method not allowed."),
}


def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if isinstance(exc, ApiError):
        return JSONResponse(
            exc.body.model_dump(exclude_none=True), exc.status_code, headers=headers
        )
    error, reason_id, reason_en = _GENERIC.get(
        exc.status_code, ("http_error", "Permintaan gagal.", str(exc.detail)[:200])
    )
    return error_response(exc.status_code, error, reason_id, reason_en, headers)


def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = []
    for err in exc.errors()[:20]:
        where = ".".join(str(p) for p in err.get("loc", ()))
        details.append(f"{where}: {err.get('msg', 'invalid')}"[:300])
    return error_response(
        422,
        "invalid_request",
        "Isi permintaan tidak valid; tidak ada yang disimpan.",
        "The request is not valid; nothing was stored.",
        details=details,
    )


def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The exception type only: a message could quote personal data from the request.
    log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
    return error_response(
        500,
        "internal_error",
        "Kesalahan di server; coba lagi nanti.",
        "Server error; try again later.",
    )


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(Exception, _on_unexpected)


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error codes, all with the ErrorBody schema."""
    text = {
        400: "Bad request",
        401: "Unknown or revoked device",
        403: "Refused",
        410: "Cursor gone: start over",
        413: "Body too large",
        422: "Invalid request",
        429: "Rate limited (see Retry-After)",
    }
    return {c: {"model": ErrorBody, "description": text.get(c, "Error")} for c in codes}
