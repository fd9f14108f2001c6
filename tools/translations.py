"""The translation pipeline in one command (issue 13): `python tools/translations.py all`.

    update            pyside6-lupdate over desktop/ into resources/translations/*.ts, keeping
                      every existing translation; English plural forms filled from "(s)"
    merge FILE.tsv…   fill pt_BR translations from TSV lines: context<TAB>English<TAB>Portuguese
                      (plurals: the two forms joined by " || "); then `update` keeps them
    compile           pyside6-lrelease each .ts into desktop/resources/translations/*.qm
                      (committed package data, so an install or a fresh clone needs no Qt tools)
    check             fail when a source string has no finished translation, or a committed .qm
                      differs from what lrelease makes of its .ts
    all [FILE.tsv…]   merge (if TSVs are given), update, merge again, compile, check

Run it with the project's interpreter (`.venv/bin/python tools/translations.py all`): the Qt
tools come with PySide6. Source strings are English (`self.tr("...")`); the English .ts is
the identity except plural forms, so lupdate leaves no unfinished entry in either file.
"""

from __future__ import annotations

import csv
import filecmp
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop"
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = ROOT / "desktop" / "resources" / "translations"
LANGUAGES = ("pt_BR", "en")
TS_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


def ts_path(language: str, directory: Path = TS_DIR) -> Path:
    return directory / f"webhook_monitor_{language}.ts"


def qm_path(language: str, directory: Path = QM_DIR) -> Path:
    return directory / f"webhook_monitor_{language}.qm"


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this interpreter (the venv's), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def source_files() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in SOURCES.rglob("*.py"))


def lupdate(ts_files: list[Path]) -> None:
    # -no-obsolete: a string removed from the code leaves the .ts instead of lingering there.
    command = [tool("pyside6-lupdate"), *source_files(), "-no-obsolete", "-locations", "none", "-ts"]
    subprocess.run([*command, *map(str, ts_files)], cwd=ROOT, check=True, capture_output=True)


def lrelease(ts_file: Path, qm_file: Path) -> None:
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
        check=True,
        capture_output=True,
    )


def write_ts(tree: ET.ElementTree[ET.Element], path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(TS_HEADER + body + "\n", encoding="utf-8")


def _finish(translation: ET.Element) -> None:
    translation.attrib.pop("type", None)


def english_plural(source: str) -> tuple[str, str]:
    """'%n event(s)' -> ('%n event', '%n events'); a source with no '(s)'/'(es)' ('%n out of
    order', '%n unverified') reads the same in both forms."""
    for suffix in ("(es)", "(s)"):
        if suffix in source:
            return source.replace(suffix, ""), source.replace(suffix, suffix[1:-1])
    return source, source


def fill_english(path: Path) -> None:
    """The English file: every string is its own translation; plurals get their two forms."""
    tree = ET.parse(path)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        if message.get("numerus") == "yes":
            forms = english_plural(source)
            for element, text in zip(translation.findall("numerusform"), forms, strict=False):
                element.text = text
        else:
            translation.text = source
        _finish(translation)
    write_ts(tree, path)


def read_tsv(paths: list[Path]) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for line in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(line) >= 3 and line[0] and not line[0].startswith("#"):
                    # A TSV line cannot hold a newline: "\n" stands for one, in both columns.
                    found[(line[0], line[1].replace("\\n", "\n"))] = line[2].replace("\\n", "\n")
    return found


def merge(paths: list[Path], language: str = "pt_BR") -> int:
    """Fill `language`'s .ts from TSV files; returns how many entries were filled. A TSV line
    overrides an existing translation (the TSV is the newer word)."""
    wanted = read_tsv(paths)
    path = ts_path(language)
    tree = ET.parse(path)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            text = wanted.pop((name, message.findtext("source") or ""), None)
            translation = message.find("translation")
            if text is None or translation is None:
                continue
            if message.get("numerus") == "yes":
                for element, form in zip(
                    translation.findall("numerusform"), text.split(" || "), strict=False
                ):
                    element.text = form.strip()
            else:
                translation.text = text
            _finish(translation)
            filled += 1
    write_ts(tree, path)
    for context_name, source in wanted:
        print(f"not in the sources (yet?): {context_name}\t{source}", file=sys.stderr)
    return filled


def unfinished(path: Path) -> list[str]:
    """'Context: source' of every message without a finished translation."""
    missing = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def update() -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    lupdate([ts_path(language) for language in LANGUAGES])
    fill_english(ts_path("en"))


def compile_all() -> None:
    for language in LANGUAGES:
        lrelease(ts_path(language), qm_path(language))


def check() -> list[str]:
    """Problems, as lines: unfinished strings after a fresh lupdate, stale .qm files."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for language in LANGUAGES:
            copy = ts_path(language, Path(tmp))
            copy.write_bytes(ts_path(language).read_bytes())
            copies.append(copy)
        lupdate(copies)
        for language, copy in zip(LANGUAGES, copies, strict=True):
            problems += [f"{language} unfinished: {entry}" for entry in unfinished(copy)]
            fresh = qm_path(language, Path(tmp))
            lrelease(ts_path(language), fresh)
            if not qm_path(language).exists() or not filecmp.cmp(fresh, qm_path(language), shallow=False):
                problems.append(
                    f"{qm_path(language).relative_to(ROOT)} is not what lrelease makes of its .ts"
                )
    return problems


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("update", "merge", "compile", "check", "all"):
        print(__doc__)
        return 2
    command, tsv = argv[0], [Path(arg) for arg in argv[1:]]
    if command in ("merge", "all") and tsv:
        print(f"merged {merge(tsv)} translation(s)")
    if command in ("update", "all"):
        update()
        if tsv:  # strings new to the .ts exist only now: fill them too
            merge(tsv)
    if command in ("compile", "all"):
        compile_all()
    if command in ("check", "all"):
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
