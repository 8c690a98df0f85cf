"""Search index plugin: adds ``search/`` to the site — a term-partitioned lunr index, the
document store, facets for filters and texts for snippets — as ``.js`` files loaded by
``<script>``, so search works on file:// as over http; and copies lunr.js from
``node_modules`` (the npm package, never a copy in the repository)."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from .writer import write_search_files

log = logging.getLogger(__name__)
LUNR_JS = Path("node_modules/lunr/lunr.min.js")


def write_index(generators):
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    output = Path(articles_generator.output_path)
    lunr_js = Path(articles_generator.settings.get("LUNR_JS", LUNR_JS))
    if not lunr_js.exists():
        raise FileNotFoundError(f"{lunr_js} is missing: run `npm ci` (make setup) to install lunr.js")
    (output / "theme/js").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(lunr_js, output / "theme/js/lunr.min.js")
    stats = write_search_files(articles_generator.articles, output / "search")
    log.info("search index: %(documents)d documents, %(parts)d parts, %(bytes)d bytes", stats)


def register():
    signals.all_generators_finalized.connect(write_index)
