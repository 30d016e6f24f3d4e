"""JSON documents of job postings: one JobPosting, a list, JSON-LD with a @graph (nested too),
an ItemList, or several such values one after another (concatenated JSON).

Which nodes are records: in a @graph, every JobPosting is imported; a node holding its own
@graph (a list or a single object) and an ItemList are walked into; nodes of CONTEXT_TYPES,
which web pages carry beside their postings, are passed over silently; any other node is
reported once as a skipped record naming its @type. In a plain list (or an ItemList at the top)
every element is meant to be a posting, so any element that is not one is reported.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from kiosk.i18n import _
from kiosk.importer.context import ReadContext, source_name
from kiosk.importer.files import Encoding
from kiosk.importer.jobboard import JOB_BOARD_SOURCE, draft_from_job_board, is_job_board_record
from kiosk.importer.jobposting import JOBPOSTING_SOURCE, Node, draft_from_posting, is_job_posting
from kiosk.importer.report import SkippedRecord, record_position
from kiosk.importer.text import shorten
from kiosk.vacancy import Vacancy

MAX_JSON_BYTES = 64 * 1_048_576
"""JSON documents are read whole; bigger ones should be JSON Lines, which stream."""
MAX_GRAPH_DEPTH = 16
"""@graph and ItemList nesting deeper than this is not walked into (the node is reported)."""
CONTEXT_TYPES = frozenset({
    "Organization", "Corporation", "LocalBusiness", "EmploymentAgency", "GovernmentOrganization",
    "Person", "Place", "PostalAddress", "GeoCoordinates", "WebPage", "ItemPage",
    "CollectionPage", "WebSite", "SearchAction", "EntryPoint", "BreadcrumbList", "ListItem",
    "ImageObject", "Logo", "SiteNavigationElement", "WPHeader", "WPFooter", "ContactPoint",
    "MonetaryAmount", "QuantitativeValue", "PropertyValue", "DefinedTerm", "CategoryCode",
    "EducationalOccupationalCredential", "OccupationalExperienceRequirements", "Occupation",
})
"""schema.org types that JSON-LD pages commonly hold beside job postings (the site, the page,
its breadcrumbs, the hiring organisation, places and the values postings point to by @id)."""

_WHITESPACE = re.compile(r"[ \t\n\r]*")


class LooksLikeJsonLines(Exception):
    """A .json file that is really JSON Lines: one value on its first line, then more values."""


def read_document(path: Path, encoding: Encoding, ctx: ReadContext) -> Iterator[
        Vacancy | SkippedRecord]:
    """Every posting of a JSON file; the first item is a file error when it cannot be read.

    Concatenated values are read one after another with json.JSONDecoder.raw_decode; when one
    breaks, the records before it are kept and a file error says where reading stopped.

    Raises:
        LooksLikeJsonLines: the first value sits on its first line and more follow; the caller
            reads the file as JSON Lines, which reports a broken line on its own.
    """
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            yield ctx.file_error(_("The file is larger than {limit} MB; save it as JSON Lines "
                                   "(one posting per line) instead.").format(
                                       limit=MAX_JSON_BYTES // 1_048_576))
            return
        raw = path.read_bytes()[encoding.bom_length:]
    except OSError as exc:
        yield ctx.file_error(_("The file could not be opened: {error}.").format(
            error=exc.strerror or exc))
        return
    try:
        text = raw.decode(encoding.codec)
    except UnicodeDecodeError:
        yield ctx.file_error(_("The file is not UTF-8 or UTF-16 text. Save it as UTF-8."))
        return
    del raw
    values, broken = _values(text)
    error = ctx.file_error(broken) if broken is not None else None
    found = [_records_in(value) for value in values]
    if len(values) == 1 and error is None:
        if found[0] is None:
            yield ctx.file_error(_("The file holds no JobPosting: expected a JobPosting object, "
                                   "a list of them, or JSON-LD with @graph."))
            return
    number = 0
    for value, shape in zip(values, found, strict=True):
        records, index = shape or ([value], {})
        declared = value.get("source") if isinstance(value, dict) else None
        source = source_name(declared, JOBPOSTING_SOURCE)
        for node in records:
            number += 1
            yield _convert(node, index, source, record_position(number), ctx)
    if error is not None:
        yield error
    elif number == 0:
        yield ctx.file_error(_("No vacancies found in the file."))


def _values(text: str) -> tuple[list[object], str | None]:
    """The JSON values in `text` one after another, and why reading stopped early (None when
    every value was read). Raises LooksLikeJsonLines (see read_document)."""
    decoder = json.JSONDecoder()
    values: list[object] = []
    pos = _skip_space(text, 0)
    while pos < len(text):
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            if values:
                return values, _("Reading stopped at line {line}, column {column}: the JSON "
                                 "there is not valid. The records before it were read.").format(
                                     line=exc.lineno, column=exc.colno)
            return values, _("The file is not valid JSON (line {line}, column {column}).").format(
                line=exc.lineno, column=exc.colno)
        except (ValueError, RecursionError):
            return values, _("The file is not valid JSON (numbers too long or nesting too "
                             "deep).")
        after = _skip_space(text, end)
        one_line = text.find("\n", pos, end) < 0 and text.find("\n", end, after) >= 0
        if not values and after < len(text) and one_line:
            raise LooksLikeJsonLines
        values.append(value)
        pos = after
    return values, None


def _skip_space(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


def _records_in(doc: object) -> tuple[list[object], dict[str, Node]] | None:
    """(the nodes to import or report, in document order; @id -> node), or None when the
    document has no recognisable shape."""
    records: list[object] = []
    index: dict[str, Node] = {}
    if isinstance(doc, list):
        for element in doc:
            _strict(element, records, index)
    elif isinstance(doc, dict) and "@graph" in doc and not is_job_posting(doc):
        _walk(doc["@graph"], records, index, 0)
    elif isinstance(doc, dict) and is_job_posting(doc):
        records.append(doc)
    elif isinstance(doc, dict) and isinstance(doc.get("itemListElement"), list):
        for element in doc["itemListElement"]:
            _strict(element.get("item", element) if isinstance(element, dict) else element,
                    records, index)
    else:
        return None
    return records, index


def _strict(element: object, records: list[object], index: dict[str, Node]) -> None:
    """An element of a plain list: a posting or a record to report, unless it holds a @graph."""
    if isinstance(element, dict) and "@graph" in element and not is_job_posting(element):
        _walk(element["@graph"], records, index, 0)
    else:
        _remember(element, index)
        records.append(element)


def _walk(node: object, records: list[object], index: dict[str, Node], depth: int) -> None:
    """Collect a @graph's records in document order (see the module docstring for the rule)."""
    if isinstance(node, list) and depth <= MAX_GRAPH_DEPTH:
        for item in node:
            _walk(item, records, index, depth + 1)
        return
    _remember(node, index)
    if not isinstance(node, dict) or is_job_posting(node) or depth > MAX_GRAPH_DEPTH:
        records.append(node)
    elif "@graph" in node:
        _walk(node["@graph"], records, index, depth + 1)
    elif "ItemList" in _types(node) or (not _types(node) and "itemListElement" in node):
        if isinstance(node.get("itemListElement"), list | dict):
            _walk(node["itemListElement"], records, index, depth + 1)
    elif "ListItem" in _types(node) and isinstance(node.get("item"), dict | list):
        _walk(node["item"], records, index, depth + 1)
    elif not any(kind in CONTEXT_TYPES for kind in _types(node)):
        records.append(node)


def _remember(node: object, index: dict[str, Node]) -> None:
    if isinstance(node, dict) and isinstance(node.get("@id"), str):
        index.setdefault(node["@id"], node)


def _types(node: Node) -> list[str]:
    """The node's @type names without a prefix ("schema:Place", "https://schema.org/Place")."""
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in kinds[:10] if isinstance(k, str)]


def _convert(
    node: object, index: dict[str, Node], source: str, position: str, ctx: ReadContext
) -> Vacancy | SkippedRecord:
    if isinstance(node, dict) and is_job_posting(node):
        return ctx.convert(position, partial(draft_from_posting, node, index), source)
    if isinstance(node, dict) and is_job_board_record(node):
        return ctx.convert(position, partial(draft_from_job_board, node), JOB_BOARD_SOURCE)
    types = _types(node) if isinstance(node, dict) else []
    if types:
        reason = _("Not a JobPosting (@type {type}), so it was not imported.").format(
            type=shorten(", ".join(types)))
    else:
        reason = _("Not a JobPosting (no @type), so it was not imported.")
    return ctx.skip(position, reason, kind="not_a_job_posting")
