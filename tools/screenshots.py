"""The README's screenshots, from the real app, in every language and theme.

    .venv/bin/python tools/screenshots.py          # all of them, into docs/screenshots/

For each language (pt_BR, en) and theme (light, dark), a fresh process on a throwaway data
directory whose settings.ini holds `ui/language` and `ui/theme` (read at start, as a user's
would be) runs the app's own `desktop.ui.app.run` offscreen, then photographs the window:

- first-run: the empty window, before anything arrived;
- events: after simulated sales (Juno paid, refunded, cancelled, duplicated, out of order,
  forged; Stripe; GitHub) came in through the real listener, signed with the app's secrets;
- inspector: the same with a forged delivery selected;
- payments: the Payments tab with a sale selected;
- overview: the Overview tab with the same data.

Each PNG is 1280×800, reduced to 256 colours so it stays small.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
LANGUAGES = ("pt_BR", "en")
THEMES = ("light", "dark")
SIZE = (1280, 800)
SECRETS = {"juno": "shot-juno-secret", "stripe": "whsec_shot", "github": "shot-github-secret"}
SALES = (
    ("juno", "paid"),
    ("juno", "refunded"),
    ("juno", "cancelled"),
    ("juno", "duplicates"),
    ("juno", "out-of-order"),
    ("stripe", "paid"),
    ("github", "paid"),
    ("juno", "forged"),
)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        return shoot_one(argv[1], argv[2], Path(argv[3]))
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for language in LANGUAGES:
        for theme in THEMES:
            # A fresh process each: language and theme are read once, at start.
            command = [sys.executable, __file__, "--one", language, theme, str(OUT)]
            result = subprocess.run(command, env=env, cwd=ROOT, timeout=300, check=False)
            if result.returncode != 0:
                print(f"screenshots: {language}/{theme} failed ({result.returncode})", file=sys.stderr)
                return 1
    print(f"saved screenshots in {OUT}")
    return 0


def shoot_one(language: str, theme: str, out: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings

    from desktop.core.config import Endpoint, Settings
    from desktop.ui.app import make_application, run

    endpoints = []
    for provider, secret in SECRETS.items():
        variable = f"SHOT_{provider.upper()}_SECRET"
        os.environ[variable] = secret
        endpoints.append(Endpoint(path=f"/{provider}", provider=provider, secret_env=variable))
    settings = Settings(host="127.0.0.1", port=0, endpoints=tuple(endpoints))
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        preferences = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
        preferences.setValue("ui/language", language)
        preferences.setValue("ui/theme", theme)
        preferences.sync()
        app = make_application()  # the app's own, so run() uses it as it is
        failures: list[BaseException] = []

        def keep_failure(done: asyncio.Future[None]) -> None:
            failure = done.exception()
            if failure is not None:
                failures.append(failure)

        def start() -> None:
            task = asyncio.ensure_future(photograph(app, language, theme, out))
            task.add_done_callback(keep_failure)

        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, start)
        code = run(settings, data_dir)
        if failures:
            raise failures[0]
        return code


async def photograph(app: object, language: str, theme: str, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from desktop.delivery.simulated import send
    from desktop.ui.events.model import Role
    from desktop.ui.main_window import MainWindow

    def window() -> MainWindow | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        return found[0] if found else None

    await until(lambda: window() is not None and window().services.listener.running)  # type: ignore[union-attr]
    win = window()
    assert win is not None
    win.resize(*SIZE)

    def save(name: str) -> None:
        image = win.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        small = image.convertToFormat(
            QImage.Format.Format_Indexed8, common_colours(image), Qt.ImageConversionFlag.ThresholdDither
        )
        path = out / f"{name}-{language}-{theme}.png"
        small.save(str(path), quality=9)  # PNG from the suffix (the stubs want bytes, Qt a str)
        print(f"{path}: {path.stat().st_size // 1024} KB")

    await settle()
    save("first-run")
    base = win.services.listener.url
    loop = asyncio.get_running_loop()
    for provider, scenario in SALES:
        secret = SECRETS[provider]
        await loop.run_in_executor(None, send, f"{base}{provider}", provider, secret, scenario)
    model = win.events.model
    await until(lambda: win.first_run.page.isHidden() and model.rowCount() >= 20)
    await settle(1.0)
    save("events")
    forged = next(
        (
            row
            for row in range(model.rowCount())
            if model.index(row, 0).data(Role.ROW)["signature"] == "invalid"
        ),
        0,
    )
    win.events.table.selectRow(forged)
    await settle()
    save("inspector")
    win.tabs.setCurrentWidget(win.payments)
    await until(lambda: win.payments.model.rowCount() > 0)
    win.payments.table.selectRow(0)
    await settle()
    save("payments")
    win.tabs.setCurrentWidget(win.overview)
    await settle(1.5)  # its figures are read in the background, at most once a second
    save("overview")
    win.close()


def common_colours(image: object, count: int = 256) -> list[int]:
    """The image's most used colours: a window has few, so 256 of them keep it faithful
    (Qt's own palette for Indexed8 shifts quiet tints to other hues)."""
    from collections import Counter

    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    pixels = memoryview(bytes(image.constBits())).cast("I")  # Format_RGB32: one 0xffRRGGBB each
    return [colour for colour, _ in Counter(pixels).most_common(count)]


async def until(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(0.05)


async def settle(seconds: float = 0.5) -> None:
    await asyncio.sleep(seconds)  # a script taking pictures, not a test: let the window paint


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
