"""Archive plugin: issue, publisher, topic, organ, year and document-type pages;
cross-references (cites ↔ cited by, repeals ↔ repealed by) and validity; data dumps
and per-topic feeds."""
from pelican import signals

from gazette.slugs import ascii_slug
from gazette.topics import slug_of

from .generator import ArchiveGenerator
from .model import repeal_anchor


def get_generators(pelican):
    return ArchiveGenerator


def add_filters(generator):
    """Template filters for ASCII slugs and anchors."""
    generator.env.filters.update(organ_slug=ascii_slug, topic_slug=lambda name: slug_of(name) or ascii_slug(name),
                                 repeal_anchor=repeal_anchor)


def no_author_loop(generator):
    """The archive writes no author pages (AUTHOR_SAVE_AS is empty), yet Pelican's loop
    over authors tests every article against a list of all of an author's articles: with
    one AUTHOR for all, quadratic (a second at 10,000 documents, half a minute at
    50,000).  With nothing to write, it is given no authors to loop over."""
    if not generator.settings.get("AUTHOR_SAVE_AS"):
        generator.authors = []


def register():
    signals.article_generator_finalized.connect(no_author_loop)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
