"""The PySide6 front end: app start, navigator, screens, widgets, theme, background tasks."""
