"""Files of the site that are the same as files elsewhere on disk are hard links."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` (whoever writes ``source`` replaces it rather
    than changing it in place), or a copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
