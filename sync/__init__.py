"""Sync with the central server (SYNC.md). No Qt. Protocol and client come with the sync issue."""
