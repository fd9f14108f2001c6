"""Before Qt opens a window on X11: are the system libraries its xcb plugin needs there?

Without them Qt aborts the process with a message that does not say which package to install
(seen on a fresh Debian: libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1 were missing).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path


def debian_package(soname: str) -> str:
    """libxcb-icccm.so.4 -> libxcb-icccm4; libxkbcommon-x11.so.0 -> libxkbcommon-x11-0."""
    match = re.fullmatch(r"(.+)\.so\.(\d+)", soname)
    if not match:
        return soname
    name, version = match.groups()
    return f"{name}{'-' if name[-1].isdigit() else ''}{version}"


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
