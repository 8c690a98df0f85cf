"""``python -m plugins.search_index CONTENT FOLDER [CACHE]``: build the search data alone
(with CACHE, a folder keeping each document's terms between builds)."""
import sys
from pathlib import Path

from . import build

build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
