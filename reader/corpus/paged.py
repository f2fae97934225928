"""Read the formats PyMuPDF opens — PDF, EPUB, XPS, FB2, MOBI — into a document's text.

Runs inside the import's child process (``reader.corpus.isolation``): MuPDF has crashed and
ballooned on malformed files, and a crash there must not take the window down. PyMuPDF is
imported inside functions only: start-up never loads it. Pages are read one at a time (block
by block, ``sort=True``, columns ordered by ``page_text.reading_order``) and handed to a
``TextBuilder``; what the file says of itself (PDF info and XMP, EPUB's OPF) becomes metadata.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.corpus.importers import ReadFile, UnreadableFile, _date
from reader.corpus.page_text import Block, Char, reading_order
from reader.corpus.text_builder import TextBuilder

PAGED_SUFFIXES = {".pdf", ".epub", ".xps", ".oxps", ".fb2", ".mobi"}
REFLOW_WIDTH, REFLOW_HEIGHT = 450.0, 100_000.0  # one reflowed chapter ≈ one tall page
MAX_OPF_BYTES = 2 * 1024 * 1024


class PasswordNeeded(UnreadableFile):
    """An encrypted PDF whose password was not given, or not the right one."""


def format_name(path: Path) -> str:
    """Return the name people know a file's format by ("PDF", "EPUB"…)."""
    return path.suffix.lower().lstrip(".").upper() or "document"


def read_paged(
    path: Path,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReadFile:
    """Read a paged or reflowable document; ``UnreadableFile`` saying why when it cannot be."""
    import pymupdf

    tools: Any = pymupdf.TOOLS
    tools.mupdf_display_errors(False)  # the user gets one clear message, not MuPDF's
    tools.mupdf_display_warnings(False)
    doc = _open(pymupdf, path, password)
    try:
        paged = not doc.is_reflowable
        if not paged:
            doc.layout(width=REFLOW_WIDTH, height=REFLOW_HEIGHT, fontsize=11)
        count = doc.page_count
        if count == 0:
            raise UnreadableFile(f"{path}: the {format_name(path)} has no pages")
        builder, labels, sizes, skipped = _read_pages(pymupdf, doc, paged, progress)
        built = builder.finish(labels, _toc(doc, sizes), sizes)
        if not built.text.strip():
            if paged:
                raise UnreadableFile(
                    f"{path}: no text layer in its {count} page{'s' * (count != 1)}: "
                    "it is scanned images and needs OCR (e.g. ocrmypdf) before it can be imported"
                )
            raise UnreadableFile(f"{path}: no text found in the file")
        meta = _metadata(doc, path)
        return ReadFile(
            built.text,
            format_name(path).lower(),
            meta.get("title"),
            meta.get("author"),
            None,
            meta.get("published"),
            None,
            meta.get("language"),
            warnings=_warnings(doc, path, skipped),
            layout=built.layout,
            boxes=built.boxes,
            pages=count,
        )
    finally:
        doc.close()


def _warnings(doc: Any, path: Path, skipped: list[int]) -> tuple[str, ...]:
    found = []
    if getattr(doc, "is_repaired", False):
        found.append(
            f"{path}: the {format_name(path)} was damaged and has been repaired: "
            "some of its text may be missing"
        )
    if skipped:
        found.append(f"{path}: {len(skipped)} page(s) could not be read: {skipped[:5]}")
    return tuple(found)


def _open(pymupdf: Any, path: Path, password: str | None) -> Any:
    kind = format_name(path)
    try:
        doc = pymupdf.open(str(path), filetype=path.suffix.lower().lstrip("."))
    except Exception as exc:  # MuPDF raises several types for a malformed file
        raise UnreadableFile(f"{path}: not a readable {kind} file ({_reason(exc)})") from None
    if doc.needs_pass:
        if not password:
            doc.close()
            raise PasswordNeeded(
                f"{path}: the {kind} is encrypted: give its password (--password PASSWORD)"
            )
        if not doc.authenticate(password):
            doc.close()
            raise PasswordNeeded(f"{path}: wrong password for the encrypted {kind}")
    return doc


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] or type(exc).__name__


def _read_pages(
    pymupdf: Any, doc: Any, paged: bool, progress: Callable[[int, int], None] | None
) -> tuple[TextBuilder, list[str], list[tuple[float, float]], list[int]]:
    builder = TextBuilder(paged)
    labels: list[str] = []
    sizes: list[tuple[float, float]] = []
    skipped: list[int] = []
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
    has_labels = paged and bool(_safe(lambda: doc.get_page_labels(), []))
    count = doc.page_count
    for number in range(count):
        blocks: list[Block] = []
        height = width = 0.0
        try:
            page = doc.load_page(number)
            width, height = float(page.rect.width), float(page.rect.height)
            raw = page.get_text("rawdict", sort=True, flags=flags)
            blocks = reading_order(_blocks(raw), height)
            label = _label(_safe(page.get_label, "")) if has_labels else ""
        except Exception:  # a broken page is skipped; the rest of the file still counts
            skipped.append(number + 1)
            label = ""
        builder.add_page(blocks, height)
        labels.append(label)
        sizes.append((width, height))
        if progress is not None:
            progress(number + 1, count)
    return builder, labels, sizes, skipped


def _label(raw: object) -> str:
    """Return a page label as text: some PDFs' labels come back as a hex UTF-16 string."""
    label = str(raw or "")
    match = re.fullmatch(r"<((?:[0-9A-Fa-f]{2})+)>", label)
    if match:
        data = bytes.fromhex(match.group(1))
        bom = data[:2] in (b"\xfe\xff", b"\xff\xfe")
        label = data.decode("utf-16" if bom else "latin-1", "replace")
    return " ".join(label.replace("\ufeff", "").split())[:40]


def _blocks(raw: dict[str, Any]) -> list[Block]:
    blocks = []
    for block in raw.get("blocks", []):
        if block.get("type") != 0:
            continue
        lines: list[list[Char]] = []
        boxes = []
        for line in block.get("lines", []):
            chars: list[Char] = [
                (c["c"], tuple(c["bbox"]))
                for span in line.get("spans", [])
                for c in span.get("chars", [])
            ]
            if chars:
                lines.append(chars)
                boxes.append(tuple(line["bbox"]))
        if lines:
            blocks.append(Block(tuple(block["bbox"]), lines, boxes))
    return blocks


def _toc(doc: Any, sizes: list[tuple[float, float]]) -> list[tuple[int, float, str]]:
    """Return (page index, y from the top, title) of each table-of-contents entry."""
    # PyMuPDF gives a named destination's target as the PDF has it, y counted from the bottom.
    pdf = bool(getattr(doc, "is_pdf", False))
    entries = []
    for entry in _safe(lambda: doc.get_toc(simple=False), []):
        if len(entry) < 3 or not isinstance(entry[2], int) or not 0 < entry[2] <= len(sizes):
            continue
        dest = entry[3] if len(entry) > 3 and isinstance(entry[3], dict) else {}
        y = float(getattr(dest.get("to"), "y", 0.0) or 0.0)
        height = sizes[entry[2] - 1][1]
        if pdf and dest.get("kind") == 4 and 0 < y <= height:  # 4: LINK_NAMED
            y = height - y
        entries.append((entry[2] - 1, y if 0 < y <= height else 0.0, str(entry[1])))
    return entries


def _safe(fn: Callable[[], Any], default: Any) -> Any:
    try:
        return fn()
    except Exception:
        return default


# -- metadata -----------------------------------------------------------------------------------
def _metadata(doc: Any, path: Path) -> dict[str, str]:
    info = _safe(lambda: doc.metadata, None) or {}
    found = {
        "title": _clean_title(info.get("title")),
        "author": _clean(info.get("author")),
        "published": _pdf_date(info.get("creationDate")),
    }
    if path.suffix.lower() == ".pdf":
        extra = _xmp(_safe(doc.get_xml_metadata, ""))
    elif path.suffix.lower() == ".epub":
        extra = _opf(path)
    else:
        extra = {}
    for key, value in extra.items():
        if value and not found.get(key):
            found[key] = value
    return {k: v for k, v in found.items() if v}


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _clean_title(value: object) -> str | None:
    title = _clean(value)
    if title is None or re.search(r"\.(docx?|pdf|tex|indd|odt|rtf)$", title, re.IGNORECASE):
        return None  # a file name the producing program wrote, not a title
    return re.sub(r"^Microsoft (Word|PowerPoint) - ", "", title) or None


def _pdf_date(value: object) -> str | None:
    match = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", str(value or ""))
    if not match:
        return _date(str(value)) if value else None
    return _date("-".join(p for p in match.groups() if p))


def _xmp(xml: str) -> dict[str, str]:
    """Return title, author, date and language from a PDF's XMP packet."""
    if not xml or len(xml) > MAX_OPF_BYTES:
        return {}
    try:
        root = ET.fromstring(xml.encode("utf-8", "replace"))
    except ET.ParseError:
        return {}
    return _dublin_core(root, extra_dates=("CreateDate",))


def _dublin_core(root: ET.Element, extra_dates: tuple[str, ...] = ()) -> dict[str, str]:
    values: dict[str, list[str]] = {}
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("title", "creator", "date", "language", *extra_dates):
            items = [e for e in element.iter() if e.tag.rsplit("}", 1)[-1] == "li"] or [element]
            texts = (" ".join("".join(e.itertext()).split()) for e in items)
            values.setdefault(name, []).extend(t for t in texts if t)
        for attr, value in element.attrib.items():
            if attr.rsplit("}", 1)[-1] in extra_dates:
                values.setdefault("date", []).append(value)
    dates = values.get("date", []) + [v for d in extra_dates for v in values.get(d, [])]
    authors = list(dict.fromkeys(values.get("creator", [])))
    return {
        "title": values.get("title", [""])[0],
        "author": "; ".join(authors),
        "published": next((d for d in map(_date, dates) if d), None) or "",
        "language": values.get("language", [""])[0],
    }


def _opf(path: Path) -> dict[str, str]:
    """Return an EPUB's title, author, date and language from its package document."""
    try:
        with zipfile.ZipFile(path) as archive:
            container = _member(archive, "META-INF/container.xml")
            rootfile = ET.fromstring(container).find(".//{*}rootfile")
            if rootfile is None:
                return {}
            opf = ET.fromstring(_member(archive, rootfile.get("full-path", "")))
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, ValueError):
        return {}
    metadata = opf.find("{*}metadata")
    return _dublin_core(metadata) if metadata is not None else {}


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_OPF_BYTES:
        raise ValueError(f"{name} is too large")
    return archive.read(info)
