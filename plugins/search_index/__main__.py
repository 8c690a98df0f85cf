"""``python -m plugins.search_index CONTENT FOLDER``: build the search data alone."""
import sys
from pathlib import Path

from . import build

build(Path(sys.argv[1]), Path(sys.argv[2]))
