"""Production overrides: absolute feed links need the public address."""
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("GAZETTE_SITEURL", "https://gazette.example.org")
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"   # and one per gazette, topic, organ and document type
RELATIVE_URLS = True  # links stay relative so the same build works from disk
# The offline copy: the whole site zipped into download/, offered on the home page and in
# every footer with its size, date and SHA-256 (plugins/offline_copy.py)
OFFLINE_COPY = "gazette-archive.zip"
