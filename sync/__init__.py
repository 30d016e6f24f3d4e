"""Sync with the central server (SYNC.md). No Qt. The protocol and client arrive with the sync issue."""
