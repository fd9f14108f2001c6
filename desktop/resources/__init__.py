"""Finding the app's own files (icons, translations, the Linux .desktop entry).

They live inside the package (`desktop/resources/`) and ship as package data, so a copy
installed with `pip install .` finds them as well as a source checkout does; before, they sat
beside the package and an installed app had no icon. Everything under this directory is
package data (pyproject.toml), so files added later (translations) ship without more setup.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(relative: str) -> Path:
    """The file `relative` (e.g. "icons/app.svg") under the package's resources.

    A real path, for Qt (QIcon, QTranslator): the package is installed as plain files (pip
    never installs this project zipped), so the Traversable is a filesystem path.
    """
    return Path(str(files(__name__).joinpath(relative)))
