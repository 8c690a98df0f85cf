"""The articles generator's walk and static links, paid once (``plugins.archive.lean_generator``):
what Pelican finds and copies must not change."""
from __future__ import annotations

import shutil

import pytest
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings

from conftest import ROOT
from plugins.archive.lean_generator import lean
from site_helpers import build_site


def _generator(content, tmp_path):
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    return ArticlesGenerator(context={"static_links": set()}, settings=settings, path=str(content),
                             theme=str(ROOT / "themes/gazette"), output_path=str(tmp_path / "output"))


@pytest.mark.parametrize("extensions", [None, False, ["rst"], []])
def test_one_walk_finds_what_pelicans_walks_find(tmp_path, extensions):
    content = tmp_path / "content"
    for name in ("a.md", "b.rst", "issue.yaml", "report.json", ".#draft.md", ".ingest-cache/entry.md",
                 "2024/1/c.md", "2024/1/notes.txt", "2024/.#d.md"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text("x", encoding="utf-8")
    plain, walked_once = _generator(content, tmp_path), _generator(content, tmp_path)
    lean(walked_once)
    for _ in range(2):   # the second answer is from the first walk
        assert walked_once.get_files([""], exclude=[], extensions=extensions) == \
            plain.get_files([""], exclude=[], extensions=extensions)


def test_a_static_file_a_document_links_is_copied_by_a_build_from_the_cache(converted, tmp_path):
    """Pelican copies a file of the content folder that a document links with ``{static}``;
    on a rebuild the document comes from Pelican's cache, with the links found when it was
    read."""
    content = tmp_path / "content"
    shutil.copytree(converted, content)
    document = sorted(content.rglob("*.md"))[0]
    with document.open("a", encoding="utf-8") as text:
        text.write('\n<a href="{static}/files/original.pdf">原件</a>\n')
    (content / "files").mkdir()
    (content / "files/original.pdf").write_bytes(b"%PDF-1.4 original")
    cache = tmp_path / "cache"
    for _ in range(2):
        output = build_site(content, tmp_path / "output", ROOT, cache)
        assert (output / "files/original.pdf").read_bytes() == b"%PDF-1.4 original"
