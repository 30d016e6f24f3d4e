"""SIKER Kiosk core: domain records, validation, storage and services. Never imports Qt."""
