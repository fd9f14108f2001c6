"""Before Qt opens a window on Linux: is there a display, and the libraries its xcb plugin needs?

Without a display (an SSH session, a container) Qt aborts with a hint about `libxcb-cursor0`
that sends people installing packages they do not need; without the libraries it aborts with
a message that does not say which package to install (seen on a fresh Debian:
libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1 were missing).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path


def debian_package(soname: str) -> str:
    """libxcb-icccm.so.4 -> libxcb-icccm4; libxkbcommon-x11.so.0 -> libxkbcommon-x11-0."""
    match = re.fullmatch(r"(.+)\.so\.(\d+)", soname)
    if not match:
        return soname
    name, version = match.groups()
    return f"{name}{'-' if name[-1].isdigit() else ''}{version}"


def no_display_reason(qt_options: Sequence[str] = (), environ: Mapping[str, str] | None = None) -> str:
    """One line saying there is no display to open a window on, or '' when there may be one.

    Only on Linux and the BSDs with no platform chosen (QT_QPA_PLATFORM or -platform): there
    Qt needs X11 (DISPLAY) or Wayland (WAYLAND_DISPLAY). macOS and Windows always have one.
    """
    env = os.environ if environ is None else environ
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    chosen = any(option.split("=", 1)[0] == "-platform" for option in qt_options)
    if chosen or env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "webhook-monitor: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
        "is set); run it in a desktop session, or without a window: webhook-monitor --headless"
    )


def missing_x11_libraries() -> list[str]:
    """Shared libraries the X11 platform plugin cannot find (empty when not on X11 or all there)."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM") or os.environ.get("WAYLAND_DISPLAY"):
        return []
    if not os.environ.get("DISPLAY"):
        return []
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    candidates = [
        qt / "plugins" / "platforms" / "libqxcb.so",
        *sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1],
    ]
    missing: set[str] = set()
    for library in candidates:
        if not library.exists():
            continue
        try:
            out = subprocess.run(["ldd", str(library)], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            return []  # no ldd: let Qt speak for itself
        missing.update(line.split()[0] for line in out.splitlines() if "=> not found" in line)
    return sorted(missing)


def explain_missing(missing: list[str]) -> str:
    packages = " ".join(sorted({debian_package(name) for name in missing}))
    return (
        f"Qt cannot open a window: these system libraries are missing: {', '.join(missing)}.\n"
        f"On Debian/Ubuntu: sudo apt-get install {packages}\n"
        "(or run without a window: python main.py --headless)"
    )
