"""One module per kiosk screen; base.py holds the Screen base class and routes."""
