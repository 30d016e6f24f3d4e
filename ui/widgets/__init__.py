"""Reusable touch widgets shared by several screens."""
