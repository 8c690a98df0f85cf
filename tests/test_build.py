"""Builds: the same sources give a byte-identical site; a failed build leaves the old one."""
from __future__ import annotations

import pytest

from conftest import ROOT
from site_helpers import build_site


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_two_builds_are_byte_identical(site, tmp_path):
    output, content = site
    again = build_site(content, tmp_path / "again", ROOT)
    first, second = files(output), files(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_failed_build_leaves_the_previous_site_whole(site, tmp_path):
    output, content = site
    target = tmp_path / "output"
    build_site(content, target, ROOT)
    before = files(target)
    broken = tmp_path / "broken-theme"
    (broken / "templates").mkdir(parents=True)
    (broken / "templates" / "base.html").write_text("{% block content %}{% endblock %", encoding="utf-8")
    with pytest.raises(Exception):
        from plugins.atomic_build import build
        build(str(ROOT / "pelicanconf.py"), {"PATH": str(content), "OUTPUT_PATH": str(target),
                                             "THEME": str(broken), "PLUGIN_PATHS": [str(ROOT / "plugins")]})
    assert files(target) == before
