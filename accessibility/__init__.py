"""Accessibility without Qt: scaling (millimetres to pixels) and contrast math."""
