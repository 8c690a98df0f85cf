"""Archive plugin: issue, publisher, topic, organ, year and document-type pages;
cross-references (cites ↔ cited by, repeals ↔ repealed by, amends ↔ amended by), a page
for each number cited but not held, and validity with its evidence; data dumps
and per-topic feeds."""
import gc

from pelican import signals
from pelican.contents import Article

from gazette.slugs import ascii_slug
from gazette.topics import slug_of
from plugins.page_reuse.fingerprint import read_inputs

from .content_cache import keep_by_folder
from .generator import ArchiveGenerator
from .lean_generator import keep_static_links, lean
from .model import amend_anchor, repeal_anchor
from .numbers import number_mentions
from .outline import add_outline
from .tables import add_tables


def get_generators(pelican):
    return ArchiveGenerator


def add_filters(generator):
    """Template filters for ASCII slugs and anchors."""
    generator.env.filters.update(organ_slug=ascii_slug, topic_slug=lambda name: slug_of(name) or ascii_slug(name),
                                 repeal_anchor=repeal_anchor, amend_anchor=amend_anchor)


def no_author_loop(generator):
    """The archive writes no author pages (AUTHOR_SAVE_AS is empty), yet Pelican's loop
    over authors tests every article against a list of all of an author's articles: with
    one AUTHOR for all, quadratic (a second at 10,000 documents, half a minute at
    50,000).  With nothing to write, it is given no authors to loop over."""
    if not generator.settings.get("AUTHOR_SAVE_AS"):
        generator.authors = []


def newest_first(generator):
    """The documents newest first, those of one date in the order of their paths: Pelican
    finds the files as a set, whose order changes from one process to the next (with
    Python's string hashing), and sorts by date only."""
    generator.articles.sort(key=lambda article: article.source_path)
    generator.articles.sort(key=lambda article: article.date, reverse=True)


def of_this_build(generator):
    """Pelican keeps each document as made (``CONTENT_CACHING_LAYER = "generator"``), so one
    taken from its cache holds the settings and the shared context of the build that
    made it; it is given this build's, as a document made now has.  The cache is this
    code's and these settings' (``plugins.atomic_build``): what the document made of
    them is the same."""
    for articles in (generator.articles, generator.translations, generator.hidden_articles,
                     generator.hidden_translations, generator.drafts, generator.drafts_translations):
        for article in articles:
            article.settings, article._context = generator.settings, generator.context


def long_lived(generator):
    """The documents, read or taken from Pelican's cache, and all made so far live until the
    build ends: they are left out of the garbage collector's full passes (``gc.freeze``),
    each of which walked them all (at 50,000 documents, 13 passes took 4.6 s of a 64 s
    rebuild).  Given back to the collector when the build ends (``plugins.atomic_build``)."""
    gc.freeze()


def fixed_urls(content):
    """Pelican formats a document's url and save_as from the settings on every access, each
    time computing its source path relative to the content folder; reading 10,000
    documents accessed them 30,000 times.  They are formatted once, when the document is
    made, as Pelican would (its own override_url / override_save_as hold them)."""
    if isinstance(content, Article) and content.in_default_lang:
        names = _UrlNames(content)
        content.override_url = str(content.settings["ARTICLE_URL"]).format_map(names)
        content.override_save_as = str(content.settings["ARTICLE_SAVE_AS"]).format_map(names)


def made_once(content):
    """A document as its page needs it, made of its own text alone when it is read, so that
    Pelican's cache keeps it so (``CONTENT_CACHING_LAYER = "generator"``) and a rebuild does
    not make it again: its urls, its contents, its tables (named for its page), the numbers
    its text then mentions (``link_numbers`` makes each build's links of them), and last a
    digest of all it then holds, for the fingerprints of the pages showing it.  Its links
    to static files too (``lean_generator``)."""
    fixed_urls(content)
    if isinstance(content, Article) and content.in_default_lang:
        keep_static_links(content)
        add_outline(content)
        add_tables(content)
        content.number_mentions = number_mentions(content._content)
        content.read_inputs = read_inputs(content)


class _UrlNames(dict):
    """The names a URL setting is formatted with, as Pelican's ``url_format`` gives them:
    the metadata and the slug at hand; the others (``path``, ``date``, ``author`` …, which
    take Pelican a relative path and two slugs to make) made only if the setting names one."""

    _MADE = frozenset({"path", "slug", "lang", "date", "author", "category"})   # url_format's own

    def __init__(self, content):
        super().__init__((key, value) for key, value in content.metadata.items() if key not in self._MADE)
        self["slug"] = getattr(content, "slug", "")
        self.content = content

    def __missing__(self, key):
        return self.content.url_format[key]


def register():
    signals.content_object_init.connect(made_once)
    signals.article_generator_init.connect(lean)
    signals.article_generator_init.connect(keep_by_folder)
    signals.article_generator_pretaxonomy.connect(of_this_build)
    signals.article_generator_pretaxonomy.connect(long_lived)
    signals.article_generator_pretaxonomy.connect(newest_first)
    signals.article_generator_finalized.connect(no_author_loop)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
