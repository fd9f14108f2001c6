"""The listener settings chosen in the window, applied at the next start.

Where each listener setting comes from, first match wins:

1. the command line (`--host`, `--port`),
2. the config file's `[listener]` (`host`, `port`, `max_body_mb`, `token_env`),
3. the Settings dialog's choice, kept in the data directory's settings.ini (`listener/...`),
4. the defaults (127.0.0.1:8080, 25 MB, no token).

The dialog writes only (3): the config file is the user's and is never rewritten. Headless
receivers and the commands read (1), (2) and (4) only, as DESIGN.md's contract says.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.core.config import Settings

# settings.ini key -> the `[listener]` key of the config file it stands in for.
KEYS = {
    "listener/host": "host",
    "listener/port": "port",
    "listener/max_body_mb": "max_body_mb",
    "listener/token_env": "token_env",
}


def pinned_listener_keys(config: Path | None, host: str | None, port: int | None) -> dict[str, str]:
    """The `[listener]` keys set by the command line or the config file, and by which."""
    pinned: dict[str, str] = {}
    if config is not None:
        try:
            listener = tomllib.loads(config.read_text(encoding="utf-8")).get("listener", {})
        except (OSError, tomllib.TOMLDecodeError):
            listener = {}  # load_settings has already refused a broken file
        for key in KEYS.values():
            if isinstance(listener, dict) and key in listener:
                pinned[key] = "config"
    if host:
        pinned["host"] = "command line"
    if port is not None:
        pinned["port"] = "command line"
    return pinned


def saved_overrides(settings_ini: QSettings) -> dict[str, str]:
    """The dialog's listener choices, by `[listener]` key (only those that were saved)."""
    found = {}
    for ini_key, key in KEYS.items():
        value = settings_ini.value(ini_key)
        if value is not None and str(value).strip():
            found[key] = str(value).strip()
    return found


def with_overrides(settings: Settings, settings_ini: QSettings, pinned: dict[str, str]) -> Settings:
    """`settings` with the dialog's choices for every key neither the command line nor the
    config file set. A value that does not parse is ignored (the default stays)."""
    chosen = {key: value for key, value in saved_overrides(settings_ini).items() if key not in pinned}
    try:
        if "host" in chosen:
            settings = replace(settings, host=chosen["host"])
        if "port" in chosen and 0 <= int(chosen["port"]) <= 65535:
            settings = replace(settings, port=int(chosen["port"]))
        if "max_body_mb" in chosen and float(chosen["max_body_mb"]) > 0:
            settings = replace(settings, max_body_mb=float(chosen["max_body_mb"]))
    except ValueError:
        pass
    if "token_env" in chosen:
        settings = replace(settings, listener=replace(settings.listener, token_env=chosen["token_env"]))
    return settings
