"""The `siker-kiosk` command: starts the kiosk or runs one of its headless commands.

Qt is imported only by the commands that need it, so `search` and `import-vacancies` run on a
machine without PySide6, and a GUI command there says which extra to install. Everything the
command prints, argparse's own usage and errors included, is in the kiosk's language: the
--lang option, else SIKER_LANG, else the config file's `lang`, else Indonesian.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kiosk.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, _, ngettext, set_language
from kiosk.settings import SETTINGS, Settings
from kiosk.vault import VaultError

GUI_COMMANDS = (None, "screenshots", "audit")
"""Commands that need Qt: the kiosk itself (no command), `screenshots` and `audit`."""

# argparse's own messages (CPython 3.11 to 3.13), so that `make catalogs` extracts them and
# they are translated like ours; argparse looks its `_` up at call time (see _argparse_in).
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"), N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"), N_("can't open '%(filename)s': %(error)s"),
)


@contextmanager
def _argparse_in_our_language() -> Iterator[None]:
    """argparse's texts through our catalogs while the parser runs, then back as they were."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def early_language(argv: Sequence[str], environ: dict[str, str] | os._Environ[str]) -> str:
    """The language to parse the command line in, before it is parsed: --lang X or --lang=X,
    else SIKER_LANG, else the config file's `lang`, else Indonesian. Unknown values are passed
    over (argparse or the settings then say what is wrong, in the next language found)."""
    for i, word in enumerate(argv):
        value = argv[i + 1] if word == "--lang" and i + 1 < len(argv) else (
            word.split("=", 1)[1] if word.startswith("--lang=") else None)
        if value in LANGUAGES:
            return value
    if environ.get("SIKER_LANG", "").strip() in LANGUAGES:
        return environ["SIKER_LANG"].strip()
    from kiosk.settings import load_settings

    try:
        return load_settings(environ={}).lang
    except ValueError:
        return DEFAULT_LANGUAGE


def _common(parser: argparse.ArgumentParser, default: object = None) -> None:
    """The options every command takes, before or after its name (settings marked `option`,
    with the settings table's help). A subcommand's copy defaults to SUPPRESS so that it does
    not overwrite what was given before the command name."""
    for s in SETTINGS:
        if not s.option or s.type is bool:
            continue
        extra: dict[str, object] = {"choices": s.choices} if s.choices else {}
        kind: Callable[[str], object] = Path if s.type is Path else (
            _lower if s.choices else str)  # choices whatever their case, as in the file
        parser.add_argument(s.flag, type=kind, default=default,
                            help=_(s.help), **extra)  # type: ignore[arg-type]


def _lower(text: str) -> str:
    return text.strip().lower()


def _whole_number(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("{value} is not a whole number").format(value=repr(text))) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(_("{value} is not between {low} and {high}").format(
                value=value, low=low, high=high))
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    """The command line, with help in the current language."""
    parser = argparse.ArgumentParser(
        prog="siker-kiosk", description=_("SIKER Kiosk: job search and services for Kota "
                                          "Semarang"),
        epilog=_("Every setting can also be given in the config file or as a SIKER_* "
                 "variable; see the settings table in README.md."),
    )
    _common(parser)
    windowed = next(s for s in SETTINGS if s.name == "windowed")
    parser.add_argument(windowed.flag, action="store_true", default=None, help=_(windowed.help))
    sub = parser.add_subparsers(dest="command", title=_("commands"), metavar=_("COMMAND"))

    p = sub.add_parser(
        "import-vacancies", help=_("load vacancies from JobPosting JSON(-LD), JSON Lines or CSV")
    )
    _common(p, argparse.SUPPRESS)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--source", help=_("source name stored with each vacancy (default: by "
                                      "format)"))

    p = sub.add_parser("search", help=_("search the local catalog the way the kiosk does"))
    _common(p, argparse.SUPPRESS)
    p.add_argument("text", nargs="?", default="")
    p.add_argument("--json", action="store_true",
                   help=_('print {"results": [...]} in rank order'))
    p.add_argument("--kecamatan", help=_('kecamatan name or Kemendagri code; "Kota Semarang" '
                                         "(or 33.74) for anywhere in the city"))
    p.add_argument("--education", help=_("the resident's highest education level (SD ... S3)"))
    p.add_argument("--type", dest="employment_type",
                   help=_("employment type, e.g. FULL_TIME"))
    p.add_argument("--min-salary", type=_whole_number(0, 10**12),
                   help=_("minimum salary, IDR per month"))
    p.add_argument("--limit", type=_whole_number(1, 1000), default=20,
                   help=_("how many results to print (1 to 1000)"))
    p.add_argument("--as-of", help=_("judge expiry on this date (YYYY-MM-DD) instead of today"))
    p.add_argument("--near", metavar="KODE",
                   help=_("where the kiosk stands (kelurahan or kecamatan code or name); "
                          "default: the kiosk_kelurahan setting"))
    p.add_argument("--everywhere", action="store_true",
                   help=_("search everywhere, not only Kota Semarang (still nearest first)"))

    p = sub.add_parser("check-nik", help=_("say what the kiosk concludes of a NIK (exit code 0 "
                                           "valid, 1 not)"))
    _common(p, argparse.SUPPRESS)
    p.add_argument("nik", metavar="NIK")
    p.add_argument("--json", action="store_true",
                   help=_("print the conclusion as JSON, problems in Indonesian and English"))

    p = sub.add_parser("enroll", help=_("join a central server with a one-time code "
                                        "(--central-url)"))
    _common(p, argparse.SUPPRESS)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--again", action="store_true",
                   help=_("enroll anew though this kiosk is enrolled (a new device on the "
                          "server; the old one should be revoked there)"))
    p = sub.add_parser("sync", help=_("one sync with the central server now (exit code 0 when "
                                      "everything went)"))
    _common(p, argparse.SUPPRESS)
    p = sub.add_parser("status", help=_("queue, last sync, clock offset, catalog size and "
                                        "warnings"))
    _common(p, argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help=_("print the status as JSON"))

    p = sub.add_parser("screenshots", help=_("render every screen offscreen to PNG files"))
    _common(p, argparse.SUPPRESS)
    p.add_argument("dir", type=Path)

    p = sub.add_parser("audit", help=_("check every screen against the accessibility rules"))
    _common(p, argparse.SUPPRESS)
    p.add_argument("--json", action="store_true",
                   help=_("print the report as JSON: screens_checked and the findings"))
    p.add_argument("--screen", action="append", metavar="NAME", dest="screens",
                   help=_("check only this screen (home, job_search, ...; repeatable); the "
                          "whole audit takes about 100 s"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 1 a problem reported, 2 a usage error,
    130 stopped by Ctrl-C, 143 an import stopped by SIGTERM).

    Every expected failure (a bad option or setting, no display, no Qt, an unreadable data
    folder, a full disk, a damaged database, a closed pipe) ends in plain sentences in the
    kiosk's language, never a traceback.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(early_language(argv, os.environ))
    with _argparse_in_our_language():
        args = build_parser().parse_args(argv)
    from kiosk.settings import load_settings

    try:
        # Every option setting goes through the same checks as the file and the variables.
        settings = load_settings({s.name: getattr(args, s.name, None) for s in SETTINGS
                                  if s.option})
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    set_language(settings.lang)
    if args.command in GUI_COMMANDS:
        problem = gui_problem(args.command, os.environ)
        if problem:
            print(problem, file=sys.stderr)
            return 1
    try:
        with _stop_qt_commands_at_once(args.command in GUI_COMMANDS):
            return _run(settings, args)
    except KeyboardInterrupt:
        # Ctrl-C: every write is one transaction, so what committed stays and the step in
        # flight rolled back; say that in one sentence instead of a traceback.
        from kiosk.commands.interrupt import INTERRUPTED_EXIT, stopped_sentence

        print(file=sys.stderr)  # past the "^C" the terminal echoed
        print(stopped_sentence(), file=sys.stderr)
        return INTERRUPTED_EXIT
    except BrokenPipeError:
        # `siker-kiosk search ... | head`: the reader left; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except VaultError as exc:
        # The personal-data key is missing or not this database's: say what to do, never a
        # traceback, and touch nothing (kiosk/vault.py).
        print(exc.staff_message(), file=sys.stderr)
        return 1
    except (sqlite3.Error, OSError) as exc:
        from kiosk.storage import describe_storage_error

        if isinstance(exc, OSError) and not _in_folder(exc.filename, settings.data_dir):
            # Not the data folder: a screenshot folder, say. Name the path and the reason.
            if isinstance(exc, FileExistsError | NotADirectoryError) and _a_file_in_the_way(
                    exc.filename):
                print(_("Cannot use {path}: it is a file, not a folder. Name a folder (a new "
                        "one is made), or move the file away.").format(path=exc.filename),
                      file=sys.stderr)
            else:
                print(_("Cannot use {path}: {error}").format(
                    path=exc.filename, error=exc.strerror or exc), file=sys.stderr)
        else:
            print(describe_storage_error(exc, settings.data_dir).staff_message(), file=sys.stderr)
        return 1


@contextmanager
def _stop_qt_commands_at_once(qt: bool) -> Iterator[None]:
    """Ctrl-C or SIGTERM at a Qt command (`qt`) ends the process there, with the one sentence;
    the handlers before come back afterwards.

    A KeyboardInterrupt raised inside Qt (a Python override called from C++, widgets being
    built) unwinds through live Qt objects, and the interpreter's teardown of them can then
    crash (seen: SIGSEGV at `screenshots` start). Nothing these commands do needs unwinding:
    the database writes are SQLite transactions (whole or absent after an exit) and the files
    are screenshots made again by the next run. The running kiosk replaces this handler with
    ui.app.SignalQuit once its window is up, which ends the visit and quits cleanly.
    """
    import signal

    from kiosk.commands.interrupt import stopped_sentence

    def stop_now(signum: int, _frame: object) -> None:
        sys.stdout.flush()
        print(file=sys.stderr)  # past the "^C" the terminal echoed
        print(stopped_sentence(), file=sys.stderr, flush=True)
        os._exit(128 + signum)

    kinds = (signal.SIGINT, signal.SIGTERM) if qt else ()
    before = {kind: signal.getsignal(kind) for kind in kinds}
    for kind in kinds:
        if before[kind] is not signal.SIG_IGN:  # nohup, a background job: theirs
            signal.signal(kind, stop_now)
    try:
        yield
    finally:
        for kind, handler in before.items():
            signal.signal(kind, handler)


def gui_problem(command: str | None, environ: os._Environ[str] | dict[str, str]) -> str:
    """Why a GUI command cannot run here ("" when it can): PySide6 missing, or no display.

    `screenshots` renders offscreen, so it needs no display: it gets QT_QPA_PLATFORM=offscreen
    unless a platform was chosen.
    """
    if importlib.util.find_spec("PySide6") is None:
        return _("This command needs the kiosk's Qt front end, which is not installed here. "
                 "Install it with: pip install 'siker-kiosk[gui]'")
    if command in ("screenshots", "audit"):
        environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return ""
    if not any(environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return _("No display found (DISPLAY and WAYLAND_DISPLAY are empty). Start the kiosk "
                 "from a desktop session, or on a machine without a screen use a virtual one: "
                 "apt-get install xvfb && xvfb-run -s '-screen 0 1920x1080x24' siker-kiosk. "
                 "To see the screens without any display: siker-kiosk screenshots DIR")
    return ""


def _in_folder(filename: object, folder: Path) -> bool:
    """True when an OSError's file is `folder`, inside it, or unnamed (then it is the folder)."""
    if not isinstance(filename, str | os.PathLike):
        return True
    path, folder = Path(filename).absolute(), folder.absolute()
    return path == folder or folder in path.parents or path in folder.parents


def _a_file_in_the_way(filename: object) -> bool:
    """True when `filename`, or a folder above it, is a file (mkdir's EEXIST / ENOTDIR)."""
    if not isinstance(filename, str | os.PathLike):
        return False
    path = Path(filename)
    return any(p.is_file() for p in (path, *path.parents))


def _run(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "import-vacancies":
        from kiosk.commands.import_vacancies import import_vacancies

        return import_vacancies(settings, args.files, source=args.source)
    if args.command == "search":
        from kiosk.commands.search import search

        return search(settings, args)
    if args.command == "check-nik":
        from kiosk.commands.check_nik import check_nik_command

        return check_nik_command(settings, args.nik, args.json)
    if args.command in ("enroll", "sync", "status"):
        from sync.client import commands as sync_commands

        if args.command == "enroll":
            return sync_commands.enroll_command(settings, args.code, args.again)
        if args.command == "sync":
            return sync_commands.sync_command(settings)
        return sync_commands.status_command(settings, args.json)
    if args.command == "screenshots":
        from ui.screenshots import render_screenshots

        return render_screenshots(settings, args.dir)
    if args.command == "audit":
        from ui.audit.run import print_report, run_audit, screen_names

        known = screen_names()
        unknown = [name for name in args.screens or () if name not in known]
        if unknown:
            print(_("Unknown screen {names}; the screens are: {known}").format(
                names=", ".join(unknown), known=", ".join(known)), file=sys.stderr)
            return 2
        # Progress on stderr: --json's stdout stays one JSON document.
        return print_report(run_audit(settings, screens=args.screens,
                                      progress=lambda line: print(line, file=sys.stderr)),
                            args.json)
    from ui.app import run_kiosk

    return run_kiosk(settings)


if __name__ == "__main__":
    # Long catalog writes prepare batches in a spawned helper process (kiosk.catalog_prepare);
    # in the PyInstaller bundle that process is this executable, which must serve it here.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
