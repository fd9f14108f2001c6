"""The command line: parse arguments and hand over to one command module each (or the window)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop.core.config import ConfigError, Settings, check_store_url, load_settings
from desktop.listener.server import ListenerError
from desktop.store.database import StoreError

log = logging.getLogger("webhook-monitor")

# Commands that work on the data directory's SQLite only, so far (see README, Team mode).
SQLITE_ONLY_COMMANDS = frozenset({"maintain"})


# Qt's own command-line options (QApplication and QGuiApplication docs); those that take a value
# take the next word (or `-style=fusion`). They are set aside before argparse and given to Qt.
QT_OPTIONS_WITH_VALUE = frozenset(
    {
        "-style", "-stylesheet", "-platform", "-platformpluginpath", "-platformtheme", "-plugin",
        "-qwindowgeometry", "-qwindowtitle", "-qwindowicon", "-session", "-display", "-geometry",
        "-name", "-title", "-qmljsdebugger", "-visual",
    }
)  # fmt: skip
QT_FLAGS = frozenset({"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync"})

DESCRIPTION = """\
Webhook Monitor: capture, inspect, verify and re-send webhooks on your own machine.

With no command it opens the window, with its receiver on 127.0.0.1:8080. Qt's own options
(-style NAME, -platform NAME, -reverse ...) are passed to Qt."""

EPILOG = "Run `%(prog)s COMMAND --help` for the options of a command. See README.md for more."


def split_qt_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(our arguments, Qt's options) from a command line: `-style fusion` goes to Qt.

    Qt also reads `--style` and `-style=fusion`; they are handed over as `-style fusion`, the
    form every Qt option accepts.
    """
    ours: list[str] = []
    qt: list[str] = []
    words = iter(argv)
    for word in words:
        name, has_value, value = word.partition("=")
        if name.startswith("--"):
            name = name[1:]
        if name in QT_OPTIONS_WITH_VALUE:
            qt += [name, value if has_value else next(words, "")]
        elif name in QT_FLAGS and not has_value:
            qt.append(name)
        else:
            ours.append(word)
    return ours, qt


def version_text() -> str:
    from desktop import __version__

    return f"webhook-monitor {__version__}"


def build_parser() -> argparse.ArgumentParser:
    # Neutral wording: the same options are accepted by every command (the contract), and only
    # the window and --headless listen; `simulate` has its own texts (it sends, not listens).
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--host", help="the receiver's address (default 127.0.0.1)")
    shared.add_argument("--port", type=int, help="the receiver's port (default 8080; 0 picks a free one)")
    shared.add_argument("--data-dir", type=Path, help="where the events database lives (default: per user)")
    shared.add_argument(
        "--config", type=Path, help="TOML config file ([listener], [[endpoints]], [[forward]], [[actions]])"
    )
    shared.add_argument(
        "--store",
        metavar="URL",
        help="a PostgreSQL database (postgresql://...) instead of SQLite (team mode)",
    )

    parser = argparse.ArgumentParser(
        prog="webhook-monitor",
        description=DESCRIPTION,
        epilog=EPILOG,
        parents=[shared],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=version_text())
    parser.add_argument(
        "--headless", action="store_true", help="run the receiver only, with no window; Ctrl+C stops it"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="with --headless: N receiver processes on one port (SO_REUSEPORT) sharing the data directory",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str, description: str, parents: list[argparse.ArgumentParser]) -> Any:
        return commands.add_parser(
            name,
            parents=parents,
            help=summary,
            description=description,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    export = command(
        "export",
        "write stored events to stdout or a file",
        "Write the stored events (all, or those matching --filter) as JSON lines, CSV or HAR.",
        [shared],
    )
    export.add_argument("--format", choices=("jsonl", "csv", "har"), default="jsonl", help="default: jsonl")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    export.add_argument("--filter", default="", help="only events matching this query (see README)")

    payments = command(
        "payments",
        "the accountant's export: one line per sale (verified only)",
        "One line per sale (a charge with its payment inside), verified only unless asked, with\n"
        "its status category, amounts, reference, payer and times in the finance time zone.\n"
        "--dialect excel-br writes ';', decimal commas, a BOM and pt-BR headers for Excel/LibreOffice.",
        [shared],
    )
    payments.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format")
    payments.add_argument(
        "--dialect",
        choices=("standard", "excel-br"),
        default="standard",
        help="CSV dialect: standard (',', '.' decimals) or excel-br (';', decimal comma, BOM, pt-BR)",
    )
    payments.add_argument(
        "--filter", default="", help="only sales matching this query (as on the Payments tab)"
    )
    payments.add_argument("--day", help="only sales whose status happened that finance day (YYYY-MM-DD)")
    payments.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    payments.add_argument(
        "--include-unverified",
        action="store_true",
        help="also sales whose status no trusted delivery confirmed (marked verified=false)",
    )

    totals = command(
        "totals",
        "the finance day's totals per category",
        "Confirmed, refunded, failed and pending sales of one finance day (a calendar day in the\n"
        "[finance] timezone, default America/Sao_Paulo), counted from trusted deliveries only.",
        [shared],
    )
    totals.add_argument("--day", help="the finance day (YYYY-MM-DD; default: today in [finance] timezone)")
    totals.add_argument("--format", choices=("text", "json"), default="text", help="output format")

    simulate = command(
        "simulate",
        "send a believable sale's signed provider events to a URL",
        "Send the events a real sale produces (signed with the secret this app holds for the\n"
        "target's endpoint) to this app's receiver or to --url. Without a held secret they are\n"
        "signed with a test secret and show as `unverified` (a warning says so).\n\n"
        "scenarios: paid, cancelled, refunded: one sale each; duplicates: a paid sale with\n"
        "its confirmation delivered twice; out-of-order: its first event arrives last;\n"
        "forged: a confirmation and PAID signed with a wrong key (they must show `invalid`).",
        [simulate_shared_options()],
    )
    from desktop.core.simulation import PROVIDERS, SCENARIOS

    simulate.add_argument("--url", help="where to send (default: this app's receiver, path /PROVIDER)")
    simulate.add_argument(
        "--provider", default="juno", choices=PROVIDERS, help="whose events to send (default: juno)"
    )
    simulate.add_argument(
        "--scenario",
        default="paid",
        choices=SCENARIOS,
        metavar="SCENARIO",
        help=f"which story to tell: {', '.join(SCENARIOS)} (default: paid)",
    )
    simulate.add_argument(
        "--count",
        type=positive_int,
        metavar="N",
        help="how many events to send, sale after sale (default: the events of one sale)",
    )
    simulate.add_argument(
        "--secret", help="sign with this secret instead of the one the app holds for the endpoint"
    )

    resend = command(
        "resend",
        "re-send a stored event to a URL",
        "Send a stored event again (method, headers and body as received) to a URL; exit 0 on a 2xx answer.",
        [shared],
    )
    resend.add_argument("--id", type=int, required=True, dest="event_id", help="the event's id (see export)")
    resend.add_argument("--to", required=True, help="target URL")

    importing = command(
        "import",
        "read events back from a JSONL or HAR export (no duplicates)",
        "Read an export back in: bodies byte-exact, recognised again with this data directory's\n"
        "endpoints and secrets; events already stored are skipped.",
        [shared],
    )
    importing.add_argument("file", type=Path, help="an export: FILE.jsonl or FILE.har")

    migrating = command(
        "migrate-store",
        "copy this data directory's SQLite history into an empty PostgreSQL database",
        "Copy every event (bodies byte-exact), its derived fields and payment state from this data\n"
        "directory's SQLite database into an empty PostgreSQL database, in one transaction.",
        [shared],
    )
    migrating.add_argument(
        "--to", required=True, metavar="URL", help="the PostgreSQL database (postgresql://...)"
    )

    command(
        "migrate-schema",
        "bring a PostgreSQL store's schema up to date (run as its owner), then exit",
        "Run the PostgreSQL store's migrations (--store URL or [store] url) and exit. Run it as the\n"
        "role that owns the database before receivers start with least-privilege roles\n"
        "(deploy/roles.sql): they cannot migrate.",
        [shared],
    )

    command(
        "maintain",
        "compact the events database",
        "Optimise the full-text index, ANALYZE and VACUUM the events database (prints the size\n"
        "before and after). Run it while the app is closed.",
        [shared],
    )

    from desktop.cli import subscriptions

    subscriptions.add_commands(commands, shared)

    entry = command(
        "desktop-entry",
        "add the app to the Linux desktop's menu (or --remove it)",
        "Write webhook-monitor.desktop and its icon under $XDG_DATA_HOME (~/.local/share), pointed\n"
        "at this installation's webhook-monitor-gui, so the menu and the taskbar know the app.",
        [],
    )
    entry.add_argument("--remove", action="store_true", help="take the entry and its icon out again")
    return parser


def simulate_shared_options() -> argparse.ArgumentParser:
    """The shared options as `simulate` uses them: it sends to a receiver, it does not listen."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--host", help="address of this app's receiver to send to, when --url is not given")
    options.add_argument("--port", type=int, help="port of this app's receiver to send to (default 8080)")
    options.add_argument(
        "--data-dir", type=Path, help="the app's data directory, whose endpoint secrets sign the events"
    )
    options.add_argument("--config", type=Path, help="TOML config file (its endpoints and secret_env)")
    return options


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def resolve_settings(args: argparse.Namespace) -> Settings:
    """The config file's settings, overridden by any command-line options given."""
    settings = load_settings(args.config)
    if args.host:
        settings = replace(settings, host=args.host)
    if args.port is not None:
        settings = replace(settings, port=args.port)
    if getattr(args, "store", None):
        settings = replace(settings, store_url=check_store_url(args.store))
    return settings


def resolve_data_dir(args: argparse.Namespace) -> Path:
    from desktop.runtime import default_data_dir

    return args.data_dir if args.data_dir else default_data_dir()


def main(argv: Sequence[str] | None = None) -> int:
    ours, qt_options = split_qt_options(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(ours)
    if qt_options and (args.command or args.headless):
        parser.error(f"Qt's options ({' '.join(qt_options)}) are for the window only")
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    # Our own lines are the log; the HTTP client's per-request lines would only repeat them.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = resolve_settings(args)
        data_dir = resolve_data_dir(args)
        if settings.store_url and args.command in SQLITE_ONLY_COMMANDS:
            # Better refused than run on the data directory's SQLite while the URL names another store.
            print(f"error: `{args.command}` does not work with a PostgreSQL store yet", file=sys.stderr)
            return 2
        if args.command == "export":
            from desktop.cli.export import run_export

            return run_export(settings, data_dir, args.format, args.output, args.filter)
        if args.command == "payments":
            from desktop.cli.payments import run_payments

            return run_payments(
                settings,
                data_dir,
                args.format,
                args.dialect,
                args.filter,
                args.day,
                args.output,
                args.include_unverified,
            )
        if args.command == "totals":
            from desktop.cli.totals import run_totals

            return run_totals(settings, data_dir, args.day, args.format)
        if args.command == "simulate":
            from desktop.cli.simulate import run_simulate

            return run_simulate(
                settings, data_dir, args.url, args.provider, args.scenario, args.count, args.secret
            )
        if args.command == "resend":
            from desktop.cli.resend import run_resend

            return run_resend(data_dir, args.event_id, args.to, settings.store_url)
        if args.command == "import":
            from desktop.cli.import_events import run_import

            return run_import(settings, data_dir, args.file)
        if args.command == "migrate-store":
            from desktop.cli.migrate_store import run_migrate_store

            return run_migrate_store(data_dir, check_store_url(args.to, "--to"))
        if args.command == "migrate-schema":
            from desktop.cli.migrate_store import run_migrate_schema

            return run_migrate_schema(settings.store_url)
        if args.command == "maintain":
            from desktop.cli.maintain import run_maintain

            return run_maintain(data_dir)
        if args.command in ("subscribe", "subscriptions"):
            from desktop.cli import subscriptions

            return subscriptions.run(args, settings, data_dir) or 0
        if args.command == "desktop-entry":
            from desktop.cli.desktop_entry import run_desktop_entry

            return run_desktop_entry(args.remove)
        if args.headless:
            from desktop.cli.headless import run_headless

            if args.workers < 1:
                raise ConfigError("--workers must be 1 or more")
            return run_headless(settings, data_dir, args.workers)
    except (ConfigError, ListenerError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from desktop.ui.app import run
    from desktop.ui.settings.listener_overrides import pinned_listener_keys

    return run(settings, data_dir, qt_options, pinned_listener_keys(args.config, args.host, args.port))


def gui_main() -> int:
    """`webhook-monitor-gui`: the same command, installed as a GUI script (no console window on
    Windows); the .desktop entry starts it with no arguments, which opens the window."""
    return main()
