"""A document's URL and file name are made once, as Pelican itself makes them from the
URL settings, whichever names a setting uses."""
from __future__ import annotations

import copy

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category
from pelican.utils import SafeDatetime

from conftest import ROOT


def _fixed_urls():
    from pelican.plugins._utils import load_legacy_plugin
    return load_legacy_plugin("archive", [str(ROOT / "plugins")]).fixed_urls   # as Pelican loads it


@pytest.mark.parametrize("setting", [
    "{publisher_slug}/{year_folder}/{issue_slug}/{slug}.html",   # the archive's: metadata and slug
    "{date:%Y}/{date:%m}/{slug}.html",                           # Pelican's date, not the metadata's
    "{category}/{author}/{lang}/{path}.html",                    # the names Pelican makes
])
def test_a_document_url_is_the_one_pelican_formats(setting):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(PATH="/content", ARTICLE_URL=setting, ARTICLE_SAVE_AS=setting, AUTHOR="市政府办公室")
    metadata = {"title": "关于印发办法的通知", "date": SafeDatetime(2025, 3, 6), "slug": "fa-2025-3",
                "publisher_slug": "panjin", "year_folder": "2025", "issue_slug": "3", "category": Category("公报", settings)}
    article = Article("<p>正文</p>", metadata=metadata, settings=settings,
                      source_path="/content/panjin/2025/3/fa-2025-3.md")
    expected = setting.format(**article.url_format)
    _fixed_urls()(article)
    assert (article.override_url, article.override_save_as) == (expected, expected)
    assert article.url == article.save_as == expected
