"""The reference central server of the kiosk network (issue 7, SYNC.md). See README.md here.

Installed by the `central` extra; the kiosk never imports this package (import-linter).
"""
