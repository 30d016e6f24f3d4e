"""The kiosk's sync client (no Qt): config, device credential, HTTP client and the engine."""
