"""Reading a user's file into a document's fixed text and metadata: plain text, Markdown, HTML.

Each reader turns bytes into text once; the text is then stored with the document and is its
fixed text from then on (a newer reader never moves an offset). Paragraphs become passages:
the text's paragraphs are separated by blank lines. Nothing here touches the network.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

MAX_TEXT_CHARS = 50 * 1024 * 1024  # a file over 50 MB of text is refused
MAX_FILE_BYTES = 200 * 1024 * 1024  # read no further than this (an HTML page's markup)

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# What PyMuPDF reads (in a child process: reader.corpus.isolation); kept in step with paged.py.
PAGED_SUFFIXES = {".pdf", ".epub", ".xps", ".oxps", ".fb2", ".mobi"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | PAGED_SUFFIXES


class UnreadableFile(ValueError):
    """A file that cannot be imported; the message says which and why."""


@dataclass(frozen=True)
class ReadFile:
    """What a reader found in a file: the document's text and what the file says about it."""

    text: str
    format: str  # "text", "markdown", "html", "pdf", "epub"…
    title: str | None = None
    author: str | None = None
    site: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    encoding: str = "utf-8"
    encoding_guessed: bool = False
    warnings: tuple[str, ...] = field(default_factory=tuple)
    layout: dict[str, Any] | None = None  # a paged document's pages.json (core.pages)
    boxes: bytes = b""  # a PDF's character boxes (reader.corpus.text_builder)
    pages: int = 0


@dataclass(frozen=True)
class ReadOptions:
    """How to read a paged file: its password, and where to tell progress or ask to stop."""

    password: str | None = None
    progress: Callable[[int, int], None] | None = None  # (pages done, pages)
    cancelled: Callable[[], bool] | None = None


def is_supported(path: PurePath) -> bool:
    """Tell whether a file's name says it is a format this reader imports."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def read_file(path: Path, options: ReadOptions | None = None) -> ReadFile:
    """Read a text, Markdown, HTML, PDF or EPUB… file; ``UnreadableFile`` saying why when it
    cannot be. PDF, EPUB and the other paged formats are read in a child process."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(f"{path}: unsupported type {suffix or '(no extension)'!r}")
    if suffix in PAGED_SUFFIXES:
        from reader.corpus.isolation import read_isolated

        return read_isolated(path, options or ReadOptions())
    raw = _read_bytes(path)
    if not raw.strip():
        raise UnreadableFile(f"{path}: the file is empty")
    if suffix in HTML_SUFFIXES:
        found = read_html(raw)
    else:
        text, encoding, guessed = decode(raw, path)
        found = (
            read_markdown(text, encoding, guessed)
            if suffix in MARKDOWN_SUFFIXES
            else ReadFile(
                _paragraphs(text), "text", None, encoding=encoding, encoding_guessed=guessed
            )
        )
    if not found.text.strip():
        raise UnreadableFile(f"{path}: no text found in the file")
    if len(found.text) > MAX_TEXT_CHARS:
        raise UnreadableFile(f"{path}: more than 50 MB of text; split it first")
    return found


def _read_bytes(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise UnreadableFile(f"{path}: not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(f"{path}: the file is too large ({size // 2**20} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(f"{path}: file not found") from None
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot be read ({exc.strerror or exc})") from None


# -- encodings -------------------------------------------------------------------------------
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes, path: PurePath | str = "") -> tuple[str, str, bool]:
    """Return ``(text, encoding, guessed)``: a BOM or valid UTF-8 is certain, anything else is
    charset-normalizer's best guess among the common encodings; line ends become ``\\n``."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _fixed(raw.decode(encoding)), encoding, False
    if b"\x00" in raw[:8192]:
        raise UnreadableFile(f"{path}: a binary file, not text")
    try:
        return _fixed(raw.decode("utf-8")), "utf-8", False
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # The Western single-byte encodings first (what a text that is not UTF-8 usually is); on a
    # short text the detector cannot tell them from Central European ones, so those come after.
    best = from_bytes(raw, cp_isolation=["cp1252", "latin_1"]).best() or from_bytes(raw).best()
    if best is None or _looks_binary(str(best)):
        raise UnreadableFile(f"{path}: a binary file, not text")
    return _fixed(str(best)), best.encoding, True


def _looks_binary(text: str) -> bool:
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    return controls > max(8, len(text[:8192]) // 100)


def _fixed(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _paragraphs(text: str) -> str:
    """Return the text with trailing blanks trimmed, and nothing else changed."""
    return text.strip("\n") + "\n"


# -- Markdown --------------------------------------------------------------------------------
_BLOCK_OPEN = {"heading_open", "paragraph_open"}


def read_markdown(text: str, encoding: str = "utf-8", guessed: bool = False) -> ReadFile:
    """Return Markdown's rendered text: headings, paragraphs, list items and quotes become
    passages, markup characters go; front matter's title, author and date are kept."""
    from markdown_it import MarkdownIt

    meta, body = _front_matter(text)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    blocks: list[str] = []
    title = meta.get("title")
    for i, token in enumerate(tokens):
        if token.type == "inline" and i and tokens[i - 1].type in _BLOCK_OPEN:
            words = _inline_text(token.children or [])
            if words.strip():
                blocks.append(words.strip())
            if title is None and tokens[i - 1].type == "heading_open":
                title = words.strip()
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(token.content.rstrip("\n"))
    return ReadFile(
        "\n\n".join(blocks) + "\n",
        "markdown",
        title or None,
        meta.get("author"),
        meta.get("site"),
        _date(meta.get("date") or meta.get("published")),
        meta.get("url"),
        encoding=encoding,
        encoding_guessed=guessed,
    )


def _inline_text(children: Sequence[object]) -> str:
    parts: list[str] = []
    for child in children:
        kind = getattr(child, "type", "")
        if kind in ("text", "code_inline"):
            parts.append(str(getattr(child, "content", "")))
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "image":
            parts.append(_inline_text(list(getattr(child, "children", None) or [])))
    return "".join(parts)


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    meta = {str(k).lower(): str(v).strip() for k, v in data.items() if v is not None}
    return {k: v for k, v in meta.items() if v}, text[match.end() :]


# -- HTML ------------------------------------------------------------------------------------
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def read_html(raw: bytes) -> ReadFile:
    """Return a saved web page's article text (no scripts, styles, navigation or page chrome)
    and the metadata its tags give (OpenGraph, ``article:published_time``, JSON-LD, canonical
    link), by trafilatura; nothing is fetched."""
    html, encoding, guessed = _decode_html(raw)
    if "<" not in html:
        raise UnreadableFile("not an HTML page")
    import trafilatura

    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    meta = trafilatura.extract_metadata(html)
    paragraphs = [line.strip() for line in (text or "").split("\n") if line.strip()]
    return ReadFile(
        "\n\n".join(paragraphs) + "\n" if paragraphs else "",
        "html",
        _clean(meta.title if meta else None),
        _clean(meta.author if meta else None),
        _clean(meta.sitename if meta else None),
        _date(meta.date if meta else None),
        _clean(meta.url if meta else None),
        _clean(getattr(meta, "language", None) if meta else None),
        encoding=encoding,
        encoding_guessed=guessed,
    )


def _decode_html(raw: bytes) -> tuple[str, str, bool]:
    declared = _META_CHARSET.search(raw[:4096])
    if declared and not raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = declared.group(1).decode("ascii", "replace")
        try:
            return _fixed(raw.decode(name)), codecs.lookup(name).name, False
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(raw, "page")


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None


def _date(value: str | None) -> str | None:
    """Return ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) from the start of a date string."""
    if not value:
        return None
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not match:
        return None
    from reader.core.model import is_valid_published

    found = "-".join(p for p in match.groups() if p)
    return found if is_valid_published(found) else None
