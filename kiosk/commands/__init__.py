"""The headless `siker-kiosk` commands: no Qt, they open the kiosk database and print."""
