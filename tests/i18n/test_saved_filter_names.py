"""Built-in saved filters are shown in the window's language and kept under their stored name."""

from __future__ import annotations

from pathlib import Path

from desktop.store.saved_filters import SavedFilters
from desktop.ui.widgets.saved_filters_panel import SavedFiltersPanel


def shown(panel: SavedFiltersPanel) -> list[str]:
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def test_in_pt_br_a_built_in_filter_is_shown_translated_and_removed_by_its_stored_name(
    qtbot, tmp_path: Path, pt_br
) -> None:
    saved = SavedFilters(tmp_path)
    saved.add("Só GitHub", "provider:github")
    panel = SavedFiltersPanel(saved)
    qtbot.addWidget(panel)
    assert shown(panel)[0] == "Confirmados hoje"
    assert "Só GitHub" in shown(panel)  # a name the user typed stays as typed
    panel.list.setCurrentRow(0)
    panel.remove_button.click()
    stored = [f.name for f in SavedFilters(tmp_path).load()]
    assert "Confirmed today" not in stored and "Invalid signature" in stored
    assert "Confirmados hoje" not in shown(panel)


def test_in_english_the_built_in_names_are_the_stored_ones(qtbot, tmp_path: Path) -> None:
    panel = SavedFiltersPanel(SavedFilters(tmp_path))
    qtbot.addWidget(panel)
    assert shown(panel)[:2] == ["Confirmed today", "Invalid signature"]
