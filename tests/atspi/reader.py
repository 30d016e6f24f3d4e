"""Reads the running kiosk as a screen reader does, through AT-SPI and pyatspi (run by
tests/atspi/test_atspi.py with Debian's /usr/bin/python3: pyatspi is not on PyPI).

Usage: reader.py KIOSK_COMMAND... ; prints one JSON object: the screens read (every showing
object's role, name, locale and child count), the announcements heard and the steps taken.
Runs inside `dbus-run-session` with DISPLAY set; starts the AT-SPI bus and the kiosk itself.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
heard: list[dict[str, object]] = []
steps: list[str] = []


def pump(seconds: float) -> None:
    """Let AT-SPI events arrive for `seconds`."""
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not context.iteration(False):
            time.sleep(0.02)


def wait_for(find, seconds: float, what: str):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            found = find()
        except Exception:  # an object went away while we looked: look again
            found = None
        if found:
            return found
        pump(0.1)
    seen: list[dict[str, object]] = []
    app = application("siker-kiosk")
    if app is not None:
        seen = nodes(app)
    print(json.dumps({"error": f"timed out waiting for {what}", "steps": steps, "heard": heard,
                      "seen": [f"{n['role']}: {n['name']}" for n in seen][:80]}))
    raise SystemExit(1)


def application(name: str):
    desktop = pyatspi.Registry.getDesktop(0)
    return next((a for a in desktop if a is not None and a.name == name), None)


def showing(node) -> bool:
    return node.getState().contains(pyatspi.STATE_SHOWING)


def walk(node, out: list[dict[str, object]], depth: int = 0) -> None:
    """Every showing object under `node`, in tree order."""
    if depth > 40 or node is None or not showing(node):
        return
    out.append({"role": node.getRoleName(), "name": node.name or "",
                "locale": node.get_object_locale(), "children": node.childCount,
                "child_roles": [c.getRoleName() for c in node if c is not None][:100]})
    for child in node:
        walk(child, out, depth + 1)


def nodes(app) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for frame in app:
        walk(frame, out)
    return out


def find(node, role: str, name_start: str = "", depth: int = 0):
    """The first showing object under `node` (depth first) with `role` whose name starts so."""
    if node is None or depth > 40 or (depth and not showing(node)):
        return None
    if node.getRoleName() == role and (node.name or "").startswith(name_start):
        return node
    for child in node:
        found = find(child, role, name_start, depth + 1)
        if found is not None:
            return found
    return None


def fresh_nodes() -> list[dict[str, object]]:
    """`nodes` read by a new reader process: libatspi caches each object's locale for the
    life of the process, so this one would still see the language it first read."""
    done = subprocess.run([sys.executable, __file__, "--dump"], capture_output=True, text=True,
                          timeout=30)
    return json.loads(done.stdout)


def press(node) -> None:
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("Press") if "Press" in names else 0)


def key(keysym: int) -> None:
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def on_announcement(event) -> None:
    heard.append({"text": str(event.any_data), "at": time.monotonic()})


def main(kiosk: list[str]) -> None:
    bus = subprocess.Popen([LAUNCHER, "--launch-immediately"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    pyatspi.Registry.registerEventListener(on_announcement, "object:announcement")
    app_process = subprocess.Popen(kiosk, stdout=subprocess.DEVNULL,
                                   stderr=open(os.environ["KIOSK_LOG"], "w"))
    screens: dict[str, list[dict[str, object]]] = {}
    try:
        app = wait_for(lambda: application("siker-kiosk"), 30, "the kiosk on the AT-SPI bus")
        tile = wait_for(lambda: find(app, "push button", "Cari Lowongan"), 20, "Home")
        screens["home"] = nodes(app)
        press(tile)
        steps.append("pressed Cari Lowongan")
        field = wait_for(lambda: find(app, "text", "Kata yang dicari"), 10, "job search")
        start = time.monotonic()
        field.queryEditableText().setTextContents("sopir")
        steps.append("typed sopir")
        wait_for(lambda: any("lowongan" in str(h["text"]) and h["at"] >= start for h in heard),
                 10, "the result count announced")
        wait_for(lambda: (lambda lst: lst is not None and lst.childCount > 0)(
            find(app, "list", "Hasil pencarian")), 10, "the result list")
        screens["job_search"] = nodes(app)
        press(find(app, "push button", "Kecamatan"))
        wait_for(lambda: find(app, "radio button", "Semua"), 10, "the kecamatan choices")
        screens["filter_panel"] = nodes(app)
        press(find(app, "push button", "Tutup"))
        steps.append("closed the panel")
        first = wait_for(lambda: find(app, "list item"), 10, "a result card")
        first.queryComponent().grabFocus()
        pump(0.3)
        key(0xFF0D)  # Return opens the focused card
        steps.append("Enter on the first card")
        wait_for(lambda: find(app, "heading", "Tentang pekerjaan ini"), 10, "vacancy details")
        screens["vacancy_detail"] = nodes(app)
        press(find(app, "radio button", "English"))
        steps.append("pressed English")
        wait_for(lambda: find(app, "heading", "About this job"), 10, "the English detail")
        pump(0.3)
        screens["vacancy_detail_en"] = fresh_nodes()
        warned = time.monotonic()
        wait_for(lambda: any(h["at"] >= warned and "second" in str(h["text"]) for h in heard),
                 40, "the idle countdown announced")
        steps.append("heard the countdown")
        screens["idle_warning_en"] = fresh_nodes()
    finally:
        app_process.terminate()
        try:
            app_process.wait(10)
        except subprocess.TimeoutExpired:
            app_process.kill()
        bus.terminate()
    print(json.dumps({"screens": screens, "heard": heard, "steps": steps}))


if __name__ == "__main__":
    if sys.argv[1:] == ["--dump"]:
        print(json.dumps(nodes(application("siker-kiosk"))))
    else:
        main(sys.argv[1:])
