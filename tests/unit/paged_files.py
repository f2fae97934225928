"""Files for the paged-import tests, made on the spot: PDFs by PyMuPDF, EPUBs and bombs by zipfile.

PyMuPDF is imported inside the functions: a test module that only collects must not load it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

LEFT = (
    "The delegations met in Doha on Tuesday to discuss the withdrawal timetable and the "
    "exchange of prisoners, which both sides described as a first step towards an inter-\n"
    "national agreement that would hold."
)
RIGHT_START = "followed by a second round in Oslo, where the envoys agreed on a ceasefire."


def report_pdf(path: Path, pages: int = 3, labels: bool = True, **save: Any) -> Path:
    """Write a two-column report: a running head, a page number at the foot, a paragraph
    hyphenated across lines, and one that runs from the left column into the right."""
    import pymupdf

    doc = pymupdf.open()
    for n in range(1, pages + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((72, 40), "Annual Report on the Talks 2023", fontsize=9)
        page.insert_textbox(
            pymupdf.Rect(72, 80, 290, 700),
            f"Page {n} begins. {LEFT}\n\nA second paragraph on the left, which is then",
            fontsize=10,
        )
        page.insert_textbox(
            pymupdf.Rect(310, 80, 530, 700), f"{RIGHT_START} Right column {n}.", fontsize=10
        )
        page.insert_text((295, 815), str(n), fontsize=9)
    if labels:
        doc.set_page_labels([{"startpage": 0, "prefix": "", "style": "r", "firstpagenum": 1}])
    doc.set_metadata(
        {"title": "Report on the Talks", "author": "Jane Roe", "creationDate": "D:20230405"}
    )
    doc.set_toc([[1, "Opening", 1], [1, "Second round", 2]])
    doc.save(str(path), **save)
    doc.close()
    return path


def plain_pdf(path: Path, texts: list[str], **save: Any) -> Path:
    """Write one page per text, no labels, no metadata."""
    import pymupdf

    doc = pymupdf.open()
    for text in texts:
        page = doc.new_page(width=595, height=842)
        page.insert_textbox(pymupdf.Rect(72, 120, 520, 700), text, fontsize=11)
    doc.save(str(path), **save)
    doc.close()
    return path


def image_pdf(path: Path, pages: int = 3) -> Path:
    """Write a scan-like PDF: every page an image, no text layer."""
    import pymupdf

    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pixmap.set_rect(pixmap.irect, (200, 180, 160))
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page(width=595, height=842)
        page.insert_image(pymupdf.Rect(50, 50, 545, 792), pixmap=pixmap)
    doc.save(str(path))
    doc.close()
    return path


def xmp_pdf(path: Path) -> Path:
    """Write a PDF whose title, authors and date are only in its XMP packet."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 120), "The body of a paper with metadata in XMP only.", fontsize=11)
    doc.set_metadata({})
    doc.set_xml_metadata(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        '<rdf:Description rdf:about="" xmp:CreateDate="2019-11-02T10:00:00Z">'
        '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Talks in Context</rdf:li></rdf:Alt>'
        "</dc:title><dc:creator><rdf:Seq><rdf:li>Ann Author</rdf:li><rdf:li>Bo Writer</rdf:li>"
        "</rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    doc.save(str(path))
    doc.close()
    return path


def epub(path: Path, chapters: int = 2, paragraphs: int = 4) -> Path:
    """Write a small EPUB 2 book with a table of contents and Dublin Core metadata."""
    items = "".join(
        f'<item id="c{n}" href="c{n}.xhtml" media-type="application/xhtml+xml"/>'
        for n in range(1, chapters + 1)
    )
    spine = "".join(f'<itemref idref="c{n}"/>' for n in range(1, chapters + 1))
    points = "".join(
        f'<navPoint id="n{n}" playOrder="{n}"><navLabel><text>Chapter {n}</text></navLabel>'
        f'<content src="c{n}.xhtml"/></navPoint>'
        for n in range(1, chapters + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile '
            'full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        zf.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" '
            'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<dc:title>A Book of Talks</dc:title><dc:creator>Ann Author</dc:creator>"
            '<dc:date>2021-03-04</dc:date><dc:identifier id="id">urn:x</dc:identifier>'
            f"<dc:language>en</dc:language></metadata><manifest>{items}"
            '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/></manifest>'
            f'<spine toc="ncx">{spine}</spine></package>',
        )
        zf.writestr(
            "OEBPS/toc.ncx",
            '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" '
            f'version="2005-1"><navMap>{points}</navMap></ncx>',
        )
        for n in range(1, chapters + 1):
            body = "".join(
                f"<p>Paragraph {k} of chapter {n}: the envoys met again and talked for "
                f"hours about the timetable, the prisoners and the next round.</p>"
                for k in range(1, paragraphs + 1)
            )
            zf.writestr(
                f"OEBPS/c{n}.xhtml",
                '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head>'
                f"<title>C{n}</title></head><body><h1>Chapter {n}</h1>{body}</body></html>",
            )
    return path


def zip_bomb(path: Path, size: int = 20 * 1024 * 1024) -> Path:
    """Write an 'EPUB' with one member of ``size`` zero bytes (it compresses ~1000:1)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr("OEBPS/bomb.xhtml", bytes(size))
    return path


def many_entries_zip(path: Path, entries: int) -> Path:
    """Write an 'EPUB' with ``entries`` tiny members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        for n in range(entries):
            zf.writestr(f"x/{n}.txt", b"")
    path.write_bytes(buffer.getvalue())
    return path


def big_declared_zip(path: Path, members: int = 220, each: int = 1_000_000) -> Path:
    """Write an 'EPUB' declaring over 200 MB uncompressed, no member reaching 1 MiB."""
    block = bytes(each)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for n in range(members):
            zf.writestr(f"x/{n}.bin", block)
    return path
