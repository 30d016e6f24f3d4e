"""What every format reader shares while reading one file: where, with which tables, and how a
record becomes a Vacancy or a SkippedRecord."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.i18n import _
from kiosk.importer.fields import RecordError
from kiosk.importer.record import Draft, build_vacancy
from kiosk.importer.report import SkippedRecord
from kiosk.kbji import KbjiClassifier
from kiosk.region import RegionTable
from kiosk.textnorm import fold
from kiosk.vacancy import Vacancy

MAX_SOURCE_CHARS = 40


def source_name(text: object, default: str) -> str:
    """A short source name, folded to a-z, 0-9 and "-" ("Loker.id" -> "loker-id"), or `default`."""
    if not isinstance(text, str) or len(text) > 4 * MAX_SOURCE_CHARS:
        return default
    name = re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")[:MAX_SOURCE_CHARS].strip("-")
    return name or default


@dataclass
class ReadContext:
    """One file being read.

    `source` (already folded by `source_name`) overrides every record's source name when given.
    `today` is the import's date for the plausibility checks (None: not checked). `position`
    is where the record last handed to `convert` sits, so a caller that gets a Vacancy from a
    reader can tell where it came from.
    """

    path: Path
    regions: RegionTable
    classifier: KbjiClassifier
    source: str | None
    note: Callable[[str], None]
    today: date | None = None
    position: str = ""

    def skip(self, position: str, reason: str, *, kind: str) -> SkippedRecord:
        """A skipped record; `kind` is its report.SKIP_KINDS key."""
        return SkippedRecord(self.path, position, reason, kind)

    def file_error(self, reason: str) -> SkippedRecord:
        return SkippedRecord(self.path, "", reason)

    def convert(
        self, position: str, make_draft: Callable[[], Draft], source: str
    ) -> Vacancy | SkippedRecord:
        """Build the record's Vacancy, or a SkippedRecord saying why not.

        `source` is the file's own source name, used unless the caller gave one. Besides the
        RecordErrors the field checks raise, any other error in one record is caught here as a
        last resort and reported for that record only, so the rest of the file still imports.
        Warnings about the record become notes "file, position: ...".
        """
        self.position = position

        def warn(text: str) -> None:
            self.note(f"{self.path}, {position}: {text}")

        try:
            return build_vacancy(
                make_draft(),
                source=self.source or source,
                regions=self.regions,
                classifier=self.classifier,
                today=self.today,
                warn=warn,
            )
        except RecordError as exc:
            return self.skip(position, exc.reason, kind=exc.kind)
        except Exception as exc:  # last resort: one record must never stop the file
            return self.skip(
                position,
                _("This record could not be read ({error}).").format(error=type(exc).__name__),
                kind="unreadable_record",
            )
