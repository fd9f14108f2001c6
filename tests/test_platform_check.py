"""The check that names the Debian packages Qt's X11 plugin is missing."""

from __future__ import annotations

from desktop.ui.platform_check import debian_package, explain_missing, missing_x11_libraries


def test_sonames_map_to_debian_package_names() -> None:
    assert debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert debian_package("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"


def test_the_message_says_what_to_install() -> None:
    text = explain_missing(["libxcb-keysyms.so.1", "libxcb-cursor.so.0"])
    assert "sudo apt-get install libxcb-cursor0 libxcb-keysyms1" in text
    assert "--headless" in text


def test_no_check_offscreen(monkeypatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("DISPLAY", ":0")
    assert missing_x11_libraries() == []
