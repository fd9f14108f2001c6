"""The inspector's body tabs (Body, Tree, Fields/Parts, Image, Hex), filled off the UI thread.

A body up to SYNC_LIMIT renders at once (a few ms); colouring and picture decoding follow
from the worker. A bigger one shows its raw start at once, then a laid-out preview, then the
tree, each as the worker produces it: the window never waits for a parse (see
tests/bench/inspector.py for the 20 MB figure). Copy and save take the exact bytes, whatever
the preview shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from desktop.core.body_render import HEX_LIMIT, NO_JSON, SYNC_LIMIT, RenderedBody, render, render_steps
from desktop.core.body_view import BodyKind
from desktop.core.json_gentle import Cancelled, dismantle
from desktop.core.model import CapturedRequest
from desktop.ui.events.background import Background, JobFailed
from desktop.ui.events.highlight import JsonHighlighter
from desktop.ui.events.json_tree_view import JsonTreePane
from desktop.ui.events.parts_view import PartsPane, human_size
from desktop.ui.events.text_pane import TextPane

# Frees documents the inspector no longer shows (a thread of its own: never behind a parse).
_JANITOR = ThreadPoolExecutor(1, thread_name_prefix="inspector-free")
START_LIMIT = 16 * 1024  # a big body's raw start, shown while the worker reads it
CUT_NOTE = " — preview cut; copy or save takes every byte"


@dataclass(frozen=True, slots=True)
class _Picture:
    image: QImage  # QImage (unlike QPixmap) may be made on a worker thread


def _extras(request: CapturedRequest, rendered: RenderedBody) -> Iterator[Any]:
    """What follows a final rendering: the decoded picture."""
    if rendered.kind == BodyKind.IMAGE:
        yield _Picture(QImage.fromData(request.body))


def _big_body_job(request: CapturedRequest) -> Callable[[Cancelled], Iterator[Any]]:
    def job(cancelled: Cancelled) -> Iterator[Any]:
        for step in render_steps(request, cancelled):
            yield step
            if step.final:
                yield from _extras(request, step)

    return job


def _discard(document: Any) -> None:
    """Free a document on the janitor thread, in pieces (see json_gentle.dismantle)."""
    if document is not NO_JSON:
        _JANITOR.submit(dismantle, document)


def _discard_result(result: object) -> None:
    if isinstance(result, RenderedBody):
        _discard(result.document)


class ImagePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(self.picture)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.info)
        layout.addWidget(area, 1)

    def show_image(self, image: QImage, kind: str, size: int) -> None:
        if image.isNull():
            self.info.setText(self.tr("{0}, {1}: cannot be decoded (see Hex)").format(kind, human_size(size)))
            self.picture.clear()
            return
        self.info.setText(f"{kind}, {image.width()}×{image.height()}, {human_size(size)}")
        self.picture.setPixmap(QPixmap.fromImage(image))

    def clear(self) -> None:
        self.info.clear()
        self.picture.clear()


class BodyTabs(QObject):
    """Owns the body panes, adds them to the inspector's tabs and fills them."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.request: CapturedRequest | None = None
        self.event_id = 0
        self.rendered: RenderedBody | None = None
        self.body = TextPane(self.tr("Copy body"))
        save = QPushButton(self.tr("Save body as…"))
        save.clicked.connect(self._ask_where_to_save)
        self.body.buttons.insertWidget(1, save)
        self.tree = JsonTreePane()
        self.parts = PartsPane()
        self.image = ImagePane()
        self.hex = TextPane(self.tr("Copy hex"))
        self.worker = Background("inspector-body", self, discard=_discard_result)
        for pane, title in (
            (self.body, self.tr("Body")),
            (self.tree, self.tr("Tree")),
            (self.parts, self.tr("Fields")),
            (self.image, self.tr("Image")),
            (self.hex, self.tr("Hex")),
        ):
            tabs.addTab(pane, title)

    def show(self, event_id: int, request: CapturedRequest | None) -> None:
        """Fill the tabs for a body (None clears them). The same event again is left alone."""
        if (
            request is not None
            and event_id == self.event_id
            and request.body == getattr(self.request, "body", None)
        ):
            return
        self.worker.cancel()
        old = self.rendered.document if self.rendered is not None else NO_JSON
        self.request, self.event_id, self.rendered = request, event_id, None
        self.tree.clear()
        _discard(old)
        self.image.clear()
        if request is None:
            self.event_id = 0
            self.body.show_plain("")
            self.hex.show_plain("")
            self._set_visible(tree=False, parts=False, image=False)
            return
        if len(request.body) <= SYNC_LIMIT:
            rendered = render(request)
            self._apply(rendered)
            self.worker.start(lambda _cancelled: _extras(request, rendered), self._on_result)
            return
        # Big: its raw start now (a slice, no parse), the rest as the worker gets to it.
        start = request.body[:START_LIMIT].decode("utf-8", errors="replace")
        note = self.tr("Reading {0}…").format(human_size(len(request.body)))
        self.body.show_plain(start, note, self._copy_source(request, BodyKind.TEXT))
        self.hex.show_plain("", note)
        self._set_visible(tree=False, parts=False, image=False)
        self.worker.start(_big_body_job(request), self._on_result)

    def _on_result(self, result: object) -> None:
        if isinstance(result, RenderedBody):
            self._apply(result)
        elif isinstance(result, _Picture) and self.request is not None:
            self.image.show_image(
                result.image, self.rendered.image_type if self.rendered else "", len(self.request.body)
            )
        elif isinstance(result, JobFailed):
            self.body.set_note(self.tr("Cannot show this body: {0}").format(str(result)))

    def _apply(self, rendered: RenderedBody) -> None:
        assert self.request is not None
        self.rendered = rendered
        request = self.request
        note = rendered.note + (CUT_NOTE if rendered.truncated else "")
        colours = JsonHighlighter if rendered.kind == BodyKind.JSON else None
        self.body.show_plain(
            rendered.text, note, self._copy_source(request, rendered.kind, rendered.text), colours
        )
        self.body.find_bar.cut_note = self.tr("(in the preview)") if rendered.truncated else ""
        hex_note = self.tr("{0} bytes").format(len(request.body))
        if len(request.body) > HEX_LIMIT:
            hex_note = self.tr("The first {0} of {1} bytes; Save body as… writes them all").format(
                human_size(HEX_LIMIT), len(request.body)
            )
        self.hex.show_plain(rendered.hex_text, hex_note)
        has_tree = rendered.document is not NO_JSON
        if has_tree:
            self.tree.set_document(rendered.document)
        if rendered.parts is not None:
            self.parts.show_parts(rendered.parts)
        elif rendered.kind == BodyKind.FORM:
            self.parts.show_fields(rendered.fields)
        index = self.tabs.indexOf(self.parts)
        self.tabs.setTabText(index, self.tr("Parts") if rendered.parts is not None else self.tr("Fields"))
        self._set_visible(
            tree=has_tree,
            parts=rendered.kind in (BodyKind.FORM, BodyKind.MULTIPART),
            image=rendered.kind == BodyKind.IMAGE,
        )

    @staticmethod
    def _copy_source(request: CapturedRequest, kind: BodyKind, shown: str = "") -> Callable[[], str | bytes]:
        """Copy takes every byte of a text body; binary bodies copy the hex shown."""
        if kind in (BodyKind.BINARY, BodyKind.IMAGE):
            return lambda: shown
        return lambda: request.body

    def _set_visible(self, tree: bool, parts: bool, image: bool) -> None:
        for pane, visible in ((self.tree, tree), (self.parts, parts), (self.image, image)):
            index = self.tabs.indexOf(pane)
            if not visible and self.tabs.currentIndex() == index:
                self.tabs.setCurrentWidget(self.body)
            self.tabs.setTabVisible(index, visible)

    def _ask_where_to_save(self) -> None:
        if self.request is None:
            return
        body = self.request.body
        dialog = QFileDialog(self.tabs, self.tr("Save body"), f"event-{self.event_id}.bin")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda name: Path(name).write_bytes(body))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # not exec(): no nested event loop under qasync
