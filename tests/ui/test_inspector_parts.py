"""Form fields, multipart parts (files saved as sent), XML, pictures and hex in the inspector."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer
from PySide6.QtGui import QColor, QImage

from desktop.ui.events.inspector import Inspector
from desktop.ui.events.parts_view import human_size
from tests.ui.inspector_helpers import clipboard_bytes, event

PDF = b"%PDF-1.4\r\n" + bytes(range(256)) * 4
MULTIPART = (
    b"--XyZ\r\n"
    b'Content-Disposition: form-data; name="event"\r\n\r\n'
    b"payment.paid\r\n"
    b"--XyZ\r\n"
    b'Content-Disposition: form-data; name="receipt"; filename="recibo.pdf"\r\n'
    b"Content-Type: application/pdf\r\n\r\n" + PDF + b"\r\n--XyZ--\r\n"
)


def test_multipart_parts_are_listed_and_a_file_is_saved_as_sent(qtbot, tmp_path: Path) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, MULTIPART, "multipart/form-data; boundary=XyZ"))
    parts = inspector.bodies.parts
    assert inspector.isTabVisible(inspector.indexOf(parts))
    assert inspector.tabText(inspector.indexOf(parts)) == "Parts"
    table = parts.table
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows == [
        ["event", "", "text/plain", "12 B"],
        ["receipt", "recibo.pdf", "application/pdf", "1.0 KB"],
    ]
    assert table.item(0, 4).text() == "payment.paid"
    table.selectRow(1)
    assert parts.save_button.isEnabled()
    parts.save_part(1, tmp_path / "recibo.pdf")
    assert (tmp_path / "recibo.pdf").read_bytes() == PDF


def test_form_fields_are_listed_and_copied(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, b"nome=Jos%C3%A9&valor=10.50", "application/x-www-form-urlencoded"))
    parts = inspector.bodies.parts
    assert inspector.tabText(inspector.indexOf(parts)) == "Fields"
    assert [parts.table.item(r, 0).text() for r in range(2)] == ["nome", "valor"]
    parts.table.selectRow(0)
    parts.copy_button.click()
    assert clipboard_bytes() == "José".encode()
    assert not parts.save_button.isVisible()


def test_xml_is_laid_out_in_the_body_tab(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, b"<nfe><total>10.50</total></nfe>", "application/xml"))
    assert inspector._body.note.text() == "XML"
    assert inspector._body.text.toPlainText().endswith("<nfe>\n  <total>10.50</total>\n</nfe>")


def picture(kind: str) -> bytes:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, kind)
    return bytes(buffer.data())


@pytest.mark.parametrize(
    ("kind", "mime"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("BMP", "image/bmp"), ("WEBP", "image/webp")],
)
def test_a_picture_is_previewed(qtbot, kind: str, mime: str) -> None:
    png = picture(kind)
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, png, "application/octet-stream"))  # known by its first bytes
    pane = inspector.bodies.image
    assert inspector.isTabVisible(inspector.indexOf(pane))
    qtbot.waitUntil(lambda: not pane.picture.pixmap().isNull(), timeout=5000)
    assert pane.picture.pixmap().size().width() == 40
    assert pane.info.text() == f"{mime}, 40×30, {human_size(len(png))}"


def test_a_damaged_picture_says_so_without_a_decoder_warning(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    # Starts like a JPEG: a decoder would log "JPEG datastream contains no image" (a failure here).
    inspector.show_event(event(1, b"\xff\xd8\xff" + bytes(60), "image/jpeg"))
    pane = inspector.bodies.image
    assert pane.info.text() == "image/jpeg, 63 B: damaged or incomplete, cannot be decoded (see Hex)"
    inspector.show_event(event(2, picture("PNG")[:-20], "image/png"))
    assert "damaged or incomplete" in pane.info.text()


def test_every_body_has_a_hex_tab(qtbot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show_event(event(1, b'{"a": 1}'))
    hex_pane = inspector.bodies.hex
    assert hex_pane.text.toPlainText().startswith("00000000  7b 22 61 22 3a 20 31 7d")
    assert hex_pane.note.text() == "8 bytes"
    assert not inspector.isTabVisible(inspector.indexOf(inspector.bodies.image))
