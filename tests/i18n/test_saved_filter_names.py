"""Built-in saved filters are shown in the window's language and kept under their stored name."""

from __future__ import annotations

import json
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


def test_a_file_from_the_portuguese_defaults_shows_today_s_names(qtbot, tmp_path: Path, pt_br) -> None:
    # A saved_filters.json written when the defaults were Portuguese; the last one is the user's
    # own (same name as an old default, another query) and keeps its name.
    old = [
        {"name": "Confirmados hoje", "query": "category:confirmed today"},
        {"name": "Assinatura inválida", "query": "signature:invalid OR signature:missing"},
        {"name": "Juno · última hora", "query": "provider:juno since:1h"},
        {"name": "Erros (código ≥ 400)", "query": "code:>=400"},
        {"name": "Duplicados", "query": "dup:yes provider:github"},
    ]
    (tmp_path / "saved_filters.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    loaded = SavedFilters(tmp_path).load()
    assert [f.name for f in loaded] == [
        "Confirmed today",
        "Invalid signature",
        "Juno · last hour",
        "Errors (code ≥ 400)",
        "Duplicados",
    ]
    assert [f.query for f in loaded] == [item["query"] for item in old]
    panel = SavedFiltersPanel(SavedFilters(tmp_path))
    qtbot.addWidget(panel)
    assert shown(panel)[:2] == ["Confirmados hoje", "Assinatura inválida"]
    # Removing the translated built-in removes the stored (renamed) entry.
    panel.list.setCurrentRow(0)
    panel.remove_button.click()
    assert next(f.name for f in SavedFilters(tmp_path).load()) == "Invalid signature"


def test_an_old_default_whose_new_name_is_already_listed_is_not_doubled(tmp_path: Path) -> None:
    both = [
        {"name": "Confirmed today", "query": "category:confirmed today"},
        {"name": "Confirmados hoje", "query": "category:confirmed today"},
    ]
    (tmp_path / "saved_filters.json").write_text(json.dumps(both, ensure_ascii=False), encoding="utf-8")
    assert [f.name for f in SavedFilters(tmp_path).load()] == ["Confirmed today"]
