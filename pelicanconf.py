"""Pelican settings for the gazette archive (production overrides: publishconf.py)."""
from pathlib import Path

AUTHOR = "政府公报数字档案"
SITENAME = "政府公报档案"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
DEFAULT_DATE = (1970, 1, 1)  # documents without 成文日期; the archive plugin shows them as unknown

PATH = "content"
GAZETTE_SOURCES = "sources"  # where the documents' `source` paths start: their source lines are shown
OUTPUT_PATH = "output"
ARTICLE_PATHS = [""]
STATIC_PATHS = []
IGNORE_FILES = [".#*", "*.yaml", "*.json", ".ingest-cache"]  # the ingest's cache folder is not walked
PATH_METADATA = r"(?P<publisher_slug>[^/]+)/(?P<year_folder>[^/]+)/(?P<issue_slug>[^/]+)/(?P<slug>[^/]+)\.md"
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "archive"

ARTICLE_URL = "{publisher_slug}/{year_folder}/{issue_slug}/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_URL
# A document's slug is its file's name, unique within its issue only: two issues may carry
# the same document (a reprint, a correction).  Grouped by slug, Pelican would take them
# for translations of each other and warn.  The archive has no translations, so Pelican
# does not look for them (grouped by any key, its search compares every document with a
# list of all of them: a second at 10,000 documents, half a minute at 50,000); the archive
# plugin puts the documents of one date in the order of their paths, so the feeds are
# the same whatever order the files are read in.
ARTICLE_TRANSLATION_ID = None
PAGE_URL = PAGE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "search"]
INDEX_SAVE_AS = "index.html"
SEARCH_SAVE_AS = "search.html"
for _kind in ("CATEGORY", "TAG", "AUTHOR", "YEAR_ARCHIVE", "MONTH_ARCHIVE", "DAY_ARCHIVE",
              "ARCHIVES", "CATEGORIES", "TAGS", "AUTHORS", "DRAFT", "DRAFT_PAGE"):
    globals()[f"{_kind}_SAVE_AS"] = ""
    globals()[f"{_kind}_URL"] = ""
del _kind
DEFAULT_PAGINATION = False

# Feeds only where the site's address is known (publishconf.py): a feed reader needs
# absolute links and entry ids that stay the same; a build for reading from disk has none.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = None
FEED_MAX_ITEMS = 50
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# The offline copy (a zip of the site in download/, offered on every page) is made by the
# hosted build only (publishconf.py): a copy needs the hosted address to tell whether it is
# older than the site.
OFFLINE_COPY = None

THEME = "themes/gazette"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["archive_reader", "archive", "search_index", "page_reuse"]
WRITE_WORKERS = None  # processes writing the pages and downloads; None: one for each core this build may use
LUNR_JS = str(Path(__file__).resolve().parent / "node_modules/lunr/lunr.min.js")  # from npm, copied by the build

# Python-Markdown settings: the site reads Markdown with pyromark (plugins/archive_reader);
# these stay for the benchmark's plain-Pelican reference build.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}

# Pelican's content cache keeps each document (its Markdown parsed) between builds,
# uncompressed, because gzipping the pickle cost more than reading the documents again.
# Files are checked by modification time: the converter replaces a document only when its
# text changes.  plugins.atomic_build gives each version of the code and of the settings
# its own cache folder under CACHE_PATH; the search index and page reuse keep theirs
# beside Pelican's.
CACHE_PATH = "cache"
CACHE_CONTENT = True
# The cache keeps each document as Pelican made it (its URL formatted, its date's format
# applied …), not only as read: a rebuild takes 10,000 documents from it in about half
# the time.  The cache folder is this code's and these settings' (plugins.atomic_build),
# and a document taken from it is given this build's settings and context (the archive
# plugin), so it is the document a cold build makes.
CONTENT_CACHING_LAYER = "generator"
LOAD_CONTENT_CACHE = True
GZIP_CACHE = False
CHECK_MODIFIED_METHOD = "mtime"
DELETE_OUTPUT_DIRECTORY = True

# Text from sources (titles, numbers, organs, addressees…) is escaped wherever a template
# prints it; only the documents' HTML, which the converter made, is marked |safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}
