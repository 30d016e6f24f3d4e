"""What went wrong with the kiosk's data folder or database, told apart so staff get the right
advice: a read-only folder, a full disk, a damaged database, or a folder that cannot be made or
used. Only DAMAGED ever says to restore the database; the others leave it intact.

The kinds come from the error itself: the OSError's errno (EROFS, EACCES, ENOSPC, ...) or the
SQLite result code (https://www.sqlite.org/rescode.html: SQLITE_READONLY, SQLITE_FULL,
SQLITE_CORRUPT, SQLITE_NOTADB, ...); where SQLite only says "cannot open" or "I/O error", the
folder is looked at (is it there, can it be written, is there space left).
"""
from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from kiosk.i18n import _

log = logging.getLogger(__name__)

PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
"""The data folder and the files in it are the kiosk user's alone: the database holds keyed NIK
hashes and sealed records, health.json the device's state (UU PDP 27/2022 art. 35: technical
protection of personal data). POSIX permission bits only; on Windows the folder's ACL, set by
the installer, does this and nothing here changes it."""


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and any missing parents) with the leaf at mode 0700; an existing folder
    is left as it is (it may be a mount staff set up on purpose).

    Raises: OSError when it cannot be created.
    """
    folder = Path(folder)
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    if os.name == "posix":
        os.chmod(folder, PRIVATE_FOLDER_MODE)  # mkdir's mode is masked by the umask


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 when it does not exist (SQLite then keeps that mode
    for the database and gives it to its -wal and -shm files too)."""
    if Path(path).exists():
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:  # another process made it meanwhile
        pass


def tighten_private_files(*paths: Path) -> list[Path]:
    """Take group and other permissions off each existing file (POSIX only); logs the files
    it changed, once per call. Returns them. A file it may not change is left (and logged)."""
    if os.name != "posix":
        return []
    changed: list[Path] = []
    for path in paths:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
            if mode & 0o077:
                os.chmod(path, mode & 0o700)
                changed.append(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("Cannot make %s private to the kiosk user: %s", path,
                        exc.strerror or exc)
    if changed:
        log.info("Made %s readable by the kiosk user only (they were open to other local "
                 "users)", ", ".join(p.name for p in changed))
    return changed

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26
_LOW_SPACE_BYTES = 1 << 20  # under 1 MiB free: an I/O error is taken for a full disk
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


class StorageKind(Enum):
    """What kind of storage problem stops the kiosk from reading or writing its data."""

    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    DAMAGED = "damaged"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class StorageProblem:
    """One storage problem, described for staff and for residents.

    Attributes:
        kind: the StorageKind.
        folder: the kiosk data folder concerned.
        detail: the system's own words (errno text or SQLite message), for staff and logs.
        no_folder: UNAVAILABLE because the folder does not exist and cannot be created.
        busy: UNAVAILABLE because another program holds the database locked.
        file_in_the_way: UNAVAILABLE because data_dir, or a folder above it, is a file.
    """

    kind: StorageKind
    folder: Path
    detail: str
    no_folder: bool = False
    busy: bool = False
    file_in_the_way: Path | None = None

    def staff_message(self) -> str:
        """One or two sentences in the current language: what is wrong and what to do."""
        folder, detail = self.folder, self.detail
        if self.kind is StorageKind.READ_ONLY:
            return _("The kiosk cannot write to its data folder {folder} ({error}): the disk is "
                     "mounted read-only or the folder's permissions forbid writing. The database "
                     "is intact. Make the folder writable for the kiosk's user (or remount the "
                     "disk read-write), then start the kiosk again.").format(
                         folder=folder, error=detail)
        if self.kind is StorageKind.DISK_FULL:
            return _("The disk that holds the kiosk's data folder {folder} is full ({error}). "
                     "The database is intact and keeps everything saved before. Free some space "
                     "on that disk, then try again.").format(folder=folder, error=detail)
        if self.kind is StorageKind.DAMAGED:
            return _("The kiosk database in {folder} is damaged ({error}). Stop the kiosk, move "
                     "kiosk.db away (keep it for the technicians) and put the latest backup in "
                     "its place. Starting without it begins a new, empty database: the "
                     "registrations not yet sent to Disnaker are then lost.").format(
                         folder=folder, error=detail)
        if self.file_in_the_way is not None:
            return _("The kiosk cannot create its data folder {folder}: {file} is a file, not "
                     "a folder. Set data_dir to a folder (or move the file away), then start "
                     "the kiosk again.").format(folder=folder, file=self.file_in_the_way)
        if self.no_folder:
            return _("The kiosk cannot create its data folder {folder} ({error}). Check that "
                     "the disk is attached and that data_dir names the right place, then start "
                     "the kiosk again.").format(folder=folder, error=detail)
        if self.busy:
            return _("The kiosk database in {folder} is locked by another program ({error}). "
                     "Wait until that program (an import, a backup copy) has finished, then "
                     "try again.").format(folder=folder, error=detail)
        return _("The kiosk cannot use its data folder {folder} ({error}). Check the disk and "
                 "the folder, then start the kiosk again.").format(folder=folder, error=detail)

    def resident_message(self) -> str:
        """A short sentence for the screen, without technical words."""
        return _("This service is not available right now. Please ask the staff.")


def describe_storage_error(exc: BaseException, data_dir: Path) -> StorageProblem:
    """Tell which storage problem `exc` (an OSError or sqlite3.Error raised while opening,
    reading or writing the kiosk data in `data_dir`) is.

    Any other exception is described as UNAVAILABLE with its text.
    """
    folder = Path(data_dir)
    if isinstance(exc, sqlite3.Error):
        return _describe_sqlite(exc, folder)
    if isinstance(exc, OSError):
        detail = exc.strerror or str(exc)
        if exc.errno in _FULL_ERRNOS:
            return StorageProblem(StorageKind.DISK_FULL, folder, detail)
        if exc.errno in _READ_ONLY_ERRNOS:
            return StorageProblem(StorageKind.READ_ONLY, folder, detail)
        in_the_way = next((p for p in (folder, *folder.parents)
                           if p.exists() and not p.is_dir()), None)
        return StorageProblem(StorageKind.UNAVAILABLE, folder, detail,
                              no_folder=not folder.is_dir(), file_in_the_way=in_the_way)
    return StorageProblem(StorageKind.UNAVAILABLE, folder, str(exc) or type(exc).__name__)


def _describe_sqlite(exc: sqlite3.Error, folder: Path) -> StorageProblem:
    detail = str(exc)
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return StorageProblem(StorageKind.DAMAGED, folder, detail)
    if code == _SQLITE_FULL or (code == _SQLITE_IOERR and _low_space(folder)):
        return StorageProblem(StorageKind.DISK_FULL, folder, detail)
    if code == _SQLITE_READONLY:
        return StorageProblem(StorageKind.READ_ONLY, folder, detail)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StorageProblem(StorageKind.UNAVAILABLE, folder, detail, busy=True)
    if not folder.is_dir():
        return StorageProblem(StorageKind.UNAVAILABLE, folder, detail, no_folder=True)
    if code in (_SQLITE_CANTOPEN, _SQLITE_IOERR, 0) and not os.access(folder, os.W_OK):
        return StorageProblem(StorageKind.READ_ONLY, folder, detail)
    if code == 0 and "malformed" in detail:  # DatabaseError raised without a result code
        return StorageProblem(StorageKind.DAMAGED, folder, detail)
    return StorageProblem(StorageKind.UNAVAILABLE, folder, detail)


def _low_space(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _LOW_SPACE_BYTES
    except OSError:
        return False


LOST_NOTE_FILE = "kiosk.db-LOST.txt"
"""Left in the data folder when the database was found missing or empty beside an existing
personal-data key; `siker-kiosk status` warns while it is there (staff delete it once handled)."""


def lost_database_message(db_file: Path) -> str:
    """What staff are told when `db_file` is missing or empty but kiosk.key is there, in
    Indonesian then English (it goes to the log and to `status`, whatever the language)."""
    note = db_file.with_name(LOST_NOTE_FILE)
    return (f"Basis data kios {db_file} tidak ada atau kosong, padahal kunci data pribadi "
            f"(kiosk.key) ada: pendaftaran yang belum terkirim ke Disnaker mungkin hilang. "
            f"Hentikan kios dan pulihkan kiosk.db dari cadangan terakhir; bila tidak ada "
            f"cadangan, kios tetap berjalan dengan basis data baru. Hapus {note} bila sudah "
            f"ditangani. / The kiosk database {db_file} is missing or empty although the "
            f"personal-data key (kiosk.key) is there: registrations not yet sent to Disnaker "
            f"may have been lost. Stop the kiosk and restore kiosk.db from the latest backup; "
            f"without a backup the kiosk keeps running on a new database. Delete {note} once "
            f"this is handled.")


def note_lost_database(db_file: Path, key_file: Path) -> bool:
    """Before a database is opened: when `key_file` exists but `db_file` is missing or 0 bytes
    (and no -wal file holds its pages), warn in the log (stderr when logging is not set up)
    and leave LOST_NOTE_FILE beside it for `status`. The kiosk is not stopped: a new database
    is better than no kiosk, but never a silent one. Returns True when it warned."""
    wal = db_file.with_name(db_file.name + "-wal")
    try:
        if not key_file.is_file() or (db_file.exists() and db_file.stat().st_size > 0):
            return False
        if wal.exists() and wal.stat().st_size > 0:
            return False  # a database never checkpointed: all of it is in the WAL
    except OSError:
        return False  # the open that follows says what is wrong with the folder
    message = lost_database_message(db_file)
    log.warning("%s", message)
    try:
        note = db_file.with_name(LOST_NOTE_FILE)
        fd = os.open(note, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(message + "\n")
    except OSError as exc:
        log.warning("Cannot leave the note %s: %s", LOST_NOTE_FILE, exc.strerror or exc)
    return True


def lost_database_warning(data_dir: Path) -> str | None:
    """The warning `status` shows while LOST_NOTE_FILE is in `data_dir`, else None."""
    note = Path(data_dir) / LOST_NOTE_FILE
    try:
        return note.read_text(encoding="utf-8").strip() or lost_database_message(
            Path(data_dir) / "kiosk.db")
    except OSError:
        return None
