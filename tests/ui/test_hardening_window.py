"""Issue 14 in the window: metadata shown as plain text; damaged files told in a message bar."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from reader.core.model import DocId, DocumentMeta
from reader.library import Library
from reader.ui.damage_notice import install_damage_notice
from reader.ui.main_window import MainWindow
from reader.ui.views.header import DocumentHeader

HOSTILE = '<b>Bold</b><img src="http://example.com/x.png"><a href="x">link</a>'


def test_html_in_a_title_is_shown_as_text(qtbot: QtBot) -> None:
    header = DocumentHeader()
    qtbot.addWidget(header)
    meta = DocumentMeta(
        id=DocId("hostile"), file="x.txt", title=HOSTILE, author="<i>Someone</i>", site="<h1>S"
    )
    header.show_meta(meta)
    assert header.title.textFormat() == Qt.TextFormat.PlainText
    assert header.details.textFormat() == Qt.TextFormat.PlainText
    assert header.title.full_text() == HOSTILE
    assert "&lt;b&gt;" in header.title.toolTip()  # the tooltip escapes it too
    assert "<i>Someone</i>" in header.details.full_text()


def test_a_damaged_file_is_told_in_a_message_bar_and_on_stderr(
    window: MainWindow,
    qtbot: QtBot,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    notice = install_damage_notice(window, set())
    assert notice.toolbar.isHidden()
    doc = window.panes[0].doc
    assert doc is not None
    Library().highlights.add(doc.id, 0, 5)
    shutil.rmtree(data_dir / "backups")  # no good backup: it starts empty
    (data_dir / "highlights" / f"{doc.id}.json").write_text("{}")
    with qtbot.waitSignal(window.highlighting.highlights_changed, timeout=5000):
        window.highlighting.reload(doc.id)
    qtbot.waitUntil(lambda: not notice.toolbar.isHidden(), timeout=5000)
    text = notice.bar.message.text()
    assert "could not be read" in text and "starts empty" in text
    assert "warning:" in capsys.readouterr().err
    opened: list[QUrl] = []
    monkeypatch.setattr("reader.ui.damage_notice.QDesktopServices.openUrl", opened.append)
    qtbot.mouseClick(notice.bar.show_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].toLocalFile() == str(data_dir / "damaged")
    notice.check()  # told once
    assert "warning:" not in capsys.readouterr().err
