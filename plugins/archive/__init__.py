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


def register():
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
