"""The inspector's body tabs (Body, Tree, Fields/Parts, Image, Hex).

A body up to SYNC_LIMIT renders at once (a few ms). A bigger one shows its raw start at once;
the body process (desktop/core/body_worker.py) then sends a laid-out preview and, once parsed,
answers the tree's pages: the window never waits for a parse (tests/bench/inspector.py has the
20 MB figure). Pictures are decoded on a worker thread (QImage is C++ work: no GIL held).
Copy and save take the exact bytes, whatever the preview shows.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from desktop.core.body_render import HEX_LIMIT, NO_JSON, SYNC_LIMIT, RenderedBody, image_complete, render
from desktop.core.body_view import BodyKind, hexdump
from desktop.core.json_preview import Cancelled
from desktop.core.json_tree import Path as JsonPath
from desktop.core.json_tree import TreeRow
from desktop.core.model import CapturedRequest
from desktop.ui.events.background import Background
from desktop.ui.events.body_process import BodyProcess
from desktop.ui.events.highlight import JsonHighlighter
from desktop.ui.events.json_tree_view import JsonTreePane, LocalTree
from desktop.ui.events.model import human_size
from desktop.ui.events.parts_view import PartsPane
from desktop.ui.events.text_pane import TextPane

START_LIMIT = 16 * 1024  # a big body's raw start, shown while the body process reads it


@dataclass(frozen=True, slots=True)
class _Picture:
    image: QImage  # QImage (unlike QPixmap) may be made on a worker thread


def _decode_picture(body: bytes) -> Callable[[Cancelled], Iterator[_Picture]]:
    def job(_cancelled: Cancelled) -> Iterator[_Picture]:
        yield _Picture(QImage.fromData(body))

    return job


class RemoteTree:
    """A document held by the body process: pages and values are asked for by path."""

    def __init__(self, process: BodyProcess, ticket: int) -> None:
        self.process = process
        self.ticket = ticket
        self._tokens = itertools.count(1)
        self.waiting: dict[int, Callable[[Any], None]] = {}

    def request_page(
        self, path: JsonPath | None, start: int, count: int, reply: Callable[[list[TreeRow]], None]
    ) -> None:
        token = next(self._tokens)
        self.waiting[token] = reply
        self.process.send(("page", self.ticket, token, path, start, count))

    def request_value(self, path: JsonPath, reply: Callable[[bytes], None]) -> None:
        token = next(self._tokens)
        self.waiting[token] = reply
        self.process.send(("value", self.ticket, token, path))

    def answer(self, token: int, data: Any) -> None:
        reply = self.waiting.pop(token, None)
        if reply is not None:
            reply(data)


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
            self.info.setText(
                self.tr("{0}, {1}: damaged or incomplete, cannot be decoded (see Hex)").format(
                    kind, human_size(size)
                )
            )
            self.picture.clear()
            return
        self.info.setText(f"{kind}, {image.width()}×{image.height()}, {human_size(size)}")
        self.picture.setPixmap(QPixmap.fromImage(image))

    def clear(self) -> None:
        self.info.clear()
        self.picture.clear()


class BodyTabs(QObject):
    """Owns the body panes, adds them to the inspector's tabs and fills them."""

    def __init__(self, tabs: QTabWidget, process: BodyProcess) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.process = process
        process.replied.connect(self._on_reply)
        self.request: CapturedRequest | None = None
        self.event_id = 0
        self.ticket = 0  # of the render asked from the body process (0: none)
        self.remote: RemoteTree | None = None
        self.rendered: RenderedBody | None = None
        # The hook for a decoded view (gzip/deflate): given the request as received, the bytes
        # to show instead, or None to show it as is. The tabs then render (and Copy body copies)
        # the decoded bytes and say so; Hex and Save body as… keep the bytes as received. Unset: the
        # window sets it to the listener's bounded decoder (desktop/core/body_decode.py).
        self.decode_body: Callable[[CapturedRequest], bytes | None] | None = None
        self.view: CapturedRequest | None = None  # what is rendered: the request, or its decoded view
        self._counting: dict[int, Callable[[int], None]] = {}  # whole-body searches asked for
        self._count_tokens = itertools.count(1)
        self.body = TextPane(self.tr("Copy body"))
        save = QPushButton(self.tr("Save body as…"))
        save.clicked.connect(self._ask_where_to_save)
        self.body.buttons.insertWidget(1, save)
        self.tree = JsonTreePane()
        self.parts = PartsPane()
        self.image = ImagePane()
        self.hex = TextPane(self.tr("Copy hex"))
        self.pictures = Background("inspector-picture", self)
        for pane, title in (
            (self.body, self.tr("Body")),
            (self.tree, self.tr("Tree")),
            (self.parts, self.tr("Fields")),
            (self.image, self.tr("Image")),
            (self.hex, self.tr("Hex")),
        ):
            tabs.addTab(pane, title)

    @property
    def busy(self) -> bool:
        """Still waiting for the final rendering (or the picture)."""
        final = self.rendered is not None and self.rendered.final
        return (self.request is not None and not final) or self.pictures.busy

    def show(self, event_id: int, request: CapturedRequest | None) -> None:
        """Fill the tabs for a body (None clears them). The same event again is left alone."""
        shown = self.request
        if (
            request is not None
            and shown is not None
            and event_id == self.event_id
            and request.body == shown.body
        ):
            return
        self.pictures.cancel()
        self.request, self.event_id, self.rendered = request, event_id, None
        self.ticket, self.remote = 0, None
        self.tree.set_source(None)
        self.image.clear()
        if request is None:
            self.event_id = 0
            self.body.show_plain("")
            self.hex.show_plain("")
            self._set_visible(tree=False, parts=False, image=False)
            return
        decoded = self.decode_body(request) if self.decode_body is not None else None
        self.view = dataclasses.replace(request, body=decoded) if decoded is not None else request
        if len(self.view.body) <= SYNC_LIMIT:
            self._apply(render(self.view), has_tree=None)
            return
        # Big: its raw start now (a slice, no parse), the rest as the body process sends it.
        start = self.view.body[:START_LIMIT].decode("utf-8", errors="replace")
        note = self.tr("Reading {0}…").format(human_size(len(self.view.body)))
        self.body.show_plain(start, note, self._copy_source(request, BodyKind.TEXT))
        self.hex.show_plain("", note)
        self._set_visible(tree=False, parts=False, image=False)
        self.ticket = self.process.ticket()
        self.process.send(("render", self.ticket, self.view))

    def _on_reply(self, reply: tuple[Any, ...]) -> None:
        kind, ticket = reply[0], reply[1]
        if kind == "died" and self.ticket and self.request is not None:
            reply = ("failed", self.ticket, self.tr("the body process stopped; select the event again"))
            kind, ticket = reply[0], reply[1]
        if ticket != self.ticket or self.request is None:
            return
        if kind == "rendered":
            self._apply(reply[2], has_tree=reply[3])
        elif kind in ("page", "value") and self.remote is not None:
            self.remote.answer(reply[2], reply[3])
        elif kind == "count":
            answer = self._counting.pop(reply[2], None)
            if answer is not None:
                answer(reply[3])
        elif kind == "failed" and self.rendered is not None and self.rendered.final:
            self.tree.status.setText(self.tr("Failed: {0}").format(reply[2]))  # a page or a value
            self.event_id = 0  # selecting the event again renders it afresh
        elif kind == "failed":
            self.body.set_note(self.tr("Cannot show this body: {0}").format(reply[2]))
            self.rendered = RenderedBody(BodyKind.TEXT, self.body.shown, reply[2])
            self.event_id = 0  # selecting the event again renders it afresh

    def _count_whole(self, needle: str, reply: Callable[[int], None]) -> None:
        token = next(self._count_tokens)
        self._counting = {token: reply}  # only the latest search matters
        self.process.send(("count", self.ticket, token, needle))

    def _on_picture(self, result: object) -> None:
        if isinstance(result, _Picture) and self.request is not None:
            kind = self.rendered.image_type if self.rendered else ""
            self.image.show_image(result.image, kind, len(self.request.body))

    def _apply(self, rendered: RenderedBody, has_tree: bool | None) -> None:
        """Show a rendering; `has_tree` None: the document is in `rendered` (a small body)."""
        assert self.request is not None
        self.rendered = rendered
        request = self.request
        note = rendered.note + (
            self.tr(" — preview cut; copy or save takes every byte") if rendered.truncated else ""
        )
        decoded = self.view is not None and self.view is not request
        if decoded:
            encoding = request.header("content-encoding") or self.tr("encoded")
            said = self.tr("Decoded view of a {0} body of {1} bytes (Save body as… writes those bytes): ")
            note = said.format(encoding, len(request.body)) + note
        colours = JsonHighlighter if rendered.kind == BodyKind.JSON else None
        # A decoded view copies the decoded text: compressed bytes are no use on a clipboard.
        copy = self._copy_source(self.view or request, rendered.kind, rendered.text)
        self.body.show_plain(rendered.text, note, copy, colours)
        self.body.find_bar.cut_note = self.tr("(in the preview)") if rendered.truncated else ""
        # A body in the body process is searched there whole; the preview only marks matches.
        self.body.find_bar.whole_count = self._count_whole if self.ticket else None
        hex_note = self.tr("{0} bytes").format(len(request.body))
        if len(request.body) > HEX_LIMIT:
            hex_note = self.tr("The first {0} of {1} bytes; Save body as… writes them all").format(
                human_size(HEX_LIMIT), len(request.body)
            )
        self.hex.show_plain(hexdump(request.body, HEX_LIMIT) if decoded else rendered.hex_text, hex_note)
        tree = rendered.document is not NO_JSON if has_tree is None else has_tree
        if has_tree is None and tree:
            self.tree.set_source(LocalTree(rendered.document))
        elif tree:
            self.remote = RemoteTree(self.process, self.ticket)
            self.tree.set_source(self.remote)
        if rendered.parts is not None:
            self.parts.show_parts(rendered.parts)
        elif rendered.kind == BodyKind.FORM:
            self.parts.show_fields(rendered.fields)
        index = self.tabs.indexOf(self.parts)
        self.tabs.setTabText(index, self.tr("Parts") if rendered.parts is not None else self.tr("Fields"))
        self._set_visible(
            tree=tree,
            parts=rendered.kind in (BodyKind.FORM, BodyKind.MULTIPART),
            image=rendered.kind == BodyKind.IMAGE,
        )
        if rendered.kind == BodyKind.IMAGE and rendered.final and self.view is not None:
            if image_complete(self.view.body, rendered.image_type):
                self.pictures.start(_decode_picture(self.view.body), self._on_picture)
            else:
                self.image.show_image(QImage(), rendered.image_type, len(self.view.body))

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
