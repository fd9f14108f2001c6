"""The endpoints dialog: map paths to providers and enter their secrets.

A thin view over `EndpointStore.edits()` / `save_edits()`: the rules (validation, where secrets
go, which paths need re-verifying) live in `desktop.store.endpoints`, without Qt. Secrets typed
here go to the SecretStore on save and nowhere else: not to QSettings, not to logs.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.config import PROVIDER_NAMES
from desktop.store.endpoints import EndpointEdit, EndpointsError, EndpointStore
from desktop.store.secrets import SecretStore, SecretStoreError
from desktop.ui.endpoints.response_dialog import FailNext, ResponseDialog, summary
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.secrets_place import secrets_place
from desktop.ui.theme import Tone, text_style, tone_colour

COLUMNS = (
    QT_TRANSLATE_NOOP("EndpointsDialog", "Path"),
    QT_TRANSLATE_NOOP("EndpointsDialog", "Provider"),
    QT_TRANSLATE_NOOP("EndpointsDialog", "Name"),
    QT_TRANSLATE_NOOP("EndpointsDialog", "Secret"),
    QT_TRANSLATE_NOOP("EndpointsDialog", "Defined in"),
    QT_TRANSLATE_NOOP("EndpointsDialog", "Response"),
)
COL_PATH, COL_PROVIDER, COL_NAME, COL_SECRET, COL_SOURCE, COL_RESPONSE = range(len(COLUMNS))

_WARNING_STYLE = (
    "QLabel { background: #fff4ce; color: #5c4400; border: 1px solid #e0b400;"
    " border-radius: 4px; padding: 8px; }"
)


class EndpointsDialog(QDialog):
    """Edit the endpoint list. Open it with `.open()`/`.show()`, never `exec()` (see STYLE.md).

    Args:
        store: the endpoints; its `secrets` (a SecretStore) is where secrets are saved.

    Signals:
        endpoints_changed(): saved; give the Deriver `store.apply(settings)`. Emitted first.
        secret_changed(path): this endpoint's secret was set or cleared: re-verify its events.
        mapping_changed(path): this path was added, removed, renamed or given another
            provider: re-verify its events too. A path is in one of the two signals, not both.
    """

    endpoints_changed = Signal()
    secret_changed = Signal(str)
    mapping_changed = Signal(str)

    def __init__(
        self, store: EndpointStore, parent: QWidget | None = None, fail_next: FailNext | None = None
    ) -> None:
        super().__init__(parent)
        self._fail_next = fail_next  # the listener's live fail-next-N counter, when one runs here
        self.response_dialog: ResponseDialog | None = None
        if store.secrets is None:
            raise ValueError("the endpoints dialog needs an EndpointStore with a SecretStore")
        self._store = store
        self._secrets: SecretStore = store.secrets
        self._edits: list[EndpointEdit] = store.edits()
        self._current: EndpointEdit | None = None
        self.setWindowTitle(self.tr("Endpoints and secrets"))
        self.resize(820, 520)

        self.storage = QLabel()
        self.storage.setWordWrap(True)
        self.storage.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(column) for column in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PATH, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_PATH, 180)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.add_button = QPushButton(self.tr("Add endpoint"))
        self.add_button.clicked.connect(self.add_endpoint)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.editor = self._build_editor()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(text_style(Tone.BAD))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.storage)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.editor)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self._show_storage()
        self._fill_table()
        self._select(0 if self._edits else None)

    def _build_editor(self) -> QGroupBox:
        box = QGroupBox(self.tr("Selected endpoint"))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("/juno — requests to this path and below it"))
        self.path_edit.textEdited.connect(lambda text: self._update_current(path=text))
        self.provider_combo = QComboBox()
        self.provider_combo.addItems(PROVIDER_NAMES)
        self.provider_combo.currentTextChanged.connect(lambda text: self._update_current(provider=text))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("a label, e.g. Juno production"))
        self.name_edit.textEdited.connect(lambda text: self._update_current(name=text))
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.textEdited.connect(self._on_secret_typed)
        self.show_secret = QToolButton()
        self.show_secret.setText(self.tr("Show"))
        self.show_secret.setCheckable(True)
        self.show_secret.toggled.connect(self._on_show_toggled)
        self.clear_secret = QPushButton(self.tr("Clear secret"))
        self.clear_secret.clicked.connect(self._on_clear_secret)
        secret_row = QHBoxLayout()
        secret_row.addWidget(self.secret_edit, 1)
        secret_row.addWidget(self.show_secret)
        secret_row.addWidget(self.clear_secret)
        self.response_label = QLabel()
        self.response_button = QPushButton(self.tr("Response…"))
        self.response_button.clicked.connect(self.edit_response)
        response_row = QHBoxLayout()
        response_row.addWidget(self.response_label, 1)
        response_row.addWidget(self.response_button)
        self.read_only_note = QLabel(
            self.tr(
                "Defined in the config file: change its path and provider there. Its secret can be set here."
            )
        )
        self.read_only_note.setStyleSheet(text_style(Tone.NEUTRAL))
        form = QFormLayout(box)
        form.addRow(self.tr("Path"), self.path_edit)
        form.addRow(self.tr("Provider"), self.provider_combo)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Secret"), secret_row)
        form.addRow(self.tr("Response"), response_row)
        form.addRow("", self.read_only_note)
        return box

    # -- showing --------------------------------------------------------------------------------

    def _show_storage(self) -> None:
        problems = [p for p in (self._secrets.problem, self._store.problem) if p]
        extra = "".join(f"<br>{html.escape(p, quote=False)}" for p in problems)
        where = html.escape(secrets_place(self._secrets), quote=False)
        if self._secrets.uses_keyring and not problems:
            self.storage.setText(
                self.tr("Secrets are kept in the {0}, never in the events database or exports.").format(where)
            )
            self.storage.setStyleSheet("")
        else:
            # The fallback is a real downgrade (a file, not an encrypted store): say it loudly.
            advice = (
                "<br>"
                + self.tr(
                    "Anything running as your user can read that file. A system keyring (GNOME Keyring,"
                    " KWallet, macOS Keychain, Windows Credential Locker) would keep them encrypted."
                )
                if not self._secrets.uses_keyring
                else ""
            )
            self.storage.setText(
                "<b>" + self.tr("⚠ Secrets are kept in a {0}.").format(where) + f"</b>{advice}{extra}"
            )
            self.storage.setStyleSheet(_WARNING_STYLE)

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self._edits))
        for row in range(len(self._edits)):
            self._fill_row(row)

    def _fill_row(self, row: int) -> None:
        edit = self._edits[row]
        cells = (
            edit.path,
            edit.provider,
            edit.name,
            self.shown_state(self.secret_state(edit)),
            self.tr("config file") if edit.read_only else self.tr("this app"),
            summary(edit.response),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if edit.read_only:
                item.setForeground(tone_colour(Tone.NEUTRAL))  # muted, readable in dark themes too
            self.table.setItem(row, column, item)

    def secret_state(self, edit: EndpointEdit) -> str:
        """What the Secret column says for a row, pending changes included."""
        if edit.new_secret:
            return "will be set on save"
        if edit.clear_secret:
            return "will be cleared on save"
        saved = edit.original or edit.endpoint()
        return self._store.secret_state(saved)

    def shown_state(self, state: str) -> str:
        """A secret state (English, from the store) in the window's language."""
        if state.startswith("from $"):
            return self.tr("from {0}").format(state.removeprefix("from "))
        if state.startswith("not set ($"):
            return self.tr("not set ({0} is empty)").format(
                state.removeprefix("not set (").removesuffix(" is empty)")
            )
        texts = {
            "not set": self.tr("not set"),
            "will be set on save": self.tr("will be set on save"),
            "will be cleared on save": self.tr("will be cleared on save"),
            "set (keyring)": self.tr("set (keyring)"),
            "set (file)": self.tr("set (file)"),
        }
        return texts.get(state, state)

    def _select(self, row: int | None) -> None:
        if row is None:
            self.table.clearSelection()
            self._load_editor(None)
        else:
            self.table.selectRow(row)
            self._load_editor(self._edits[row])  # selectRow is silent when the row was selected

    def _on_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._load_editor(self._edits[rows[0].row()] if rows else None)

    def _load_editor(self, edit: EndpointEdit | None) -> None:
        self._current = None  # silence the editors' change signals while they are filled
        self.editor.setEnabled(edit is not None)
        self.remove_button.setEnabled(edit is not None and not edit.read_only)
        self.path_edit.setText(edit.path if edit else "")
        self.provider_combo.setCurrentText(edit.provider if edit else PROVIDER_NAMES[0])
        self.name_edit.setText(edit.name if edit else "")
        self.secret_edit.setText((edit.new_secret or "") if edit else "")
        for widget in (self.path_edit, self.provider_combo, self.name_edit):
            widget.setEnabled(edit is not None and not edit.read_only)
        self.read_only_note.setVisible(edit is not None and edit.read_only)
        self.response_label.setText(summary(edit.response) if edit else "")
        self._current = edit
        self._refresh_secret_hint()

    def _refresh_secret_hint(self) -> None:
        edit = self._current
        state = self.secret_state(edit) if edit else "not set"
        if edit is not None and edit.secret_env and state.startswith("from $"):
            hint = self.tr("comes from ${0}; a secret typed here is used when it is unset").format(
                edit.secret_env
            )
        elif state.startswith("set"):
            hint = self.tr("stored — type a new one to replace it")
        else:
            hint = self.tr("paste the secret the provider gave you for this webhook")
        self.secret_edit.setPlaceholderText(hint)
        stored = state.startswith("set") or (edit is not None and bool(edit.new_secret))
        self.clear_secret.setEnabled(stored)

    # -- editing --------------------------------------------------------------------------------

    def _update_current(self, **changes: str) -> None:
        if self._current is None:
            return
        for name, value in changes.items():
            setattr(self._current, name, value)
        self._fill_row(self._edits.index(self._current))
        self.error.clear()

    def _on_secret_typed(self, text: str) -> None:
        if self._current is None:
            return
        self._current.new_secret = text or None
        self._current.clear_secret = False
        self._fill_row(self._edits.index(self._current))
        self._refresh_secret_hint()

    def _on_clear_secret(self) -> None:
        if self._current is None:
            return
        self._current.new_secret = None
        self._current.clear_secret = True
        self.secret_edit.clear()
        self._fill_row(self._edits.index(self._current))
        self._refresh_secret_hint()
        self.clear_secret.setEnabled(False)

    def _on_show_toggled(self, shown: bool) -> None:
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_secret.setText(self.tr("Hide") if shown else self.tr("Show"))

    def edit_response(self) -> ResponseDialog | None:
        """The selected endpoint's answer and fail-next-N, in their own dialog (opened, not exec'd)."""
        edit = self._current
        if edit is None:
            return None
        dialog = ResponseDialog(
            edit.endpoint().path,
            edit.response,
            read_only=edit.read_only,
            fail_next=self._fail_next,
            parent=self,
        )

        def keep() -> None:
            if edit.read_only:
                return  # the config file owns its answer; fail-next-N was applied already
            edit.response = dialog.spec()  # checked valid before the dialog accepted
            if edit in self._edits:
                self._fill_row(self._edits.index(edit))
            if edit is self._current:
                self.response_label.setText(summary(edit.response))

        dialog.accepted.connect(keep)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.response_dialog = dialog
        return dialog

    def add_endpoint(self) -> None:
        self._edits.append(EndpointEdit(path="", provider=PROVIDER_NAMES[0]))
        self._fill_table()
        self._select(len(self._edits) - 1)
        self.path_edit.setFocus()

    def remove_selected(self) -> None:
        if self._current is None or self._current.read_only:
            return
        row = self._edits.index(self._current)
        del self._edits[row]
        self._fill_table()
        self._select(min(row, len(self._edits) - 1) if self._edits else None)

    # -- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        """Store everything, announce what changed, close. On a problem, say it and stay open."""
        try:
            result = self._store.save_edits(self._edits)
        except (EndpointsError, SecretStoreError, OSError) as exc:
            self.error.setText(self.tr("Not saved: {0}").format(exc))
            return
        self.secret_edit.clear()
        self.endpoints_changed.emit()
        for path in result.secret_paths:
            self.secret_changed.emit(path)
        for path in result.mapping_paths:
            self.mapping_changed.emit(path)
        self.accept()
