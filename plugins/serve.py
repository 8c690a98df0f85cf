"""``python -m plugins.serve [FOLDER] [--port N] [--bind ADDRESS] [--live]``: serve the built
site for a look before publishing.  It listens on 127.0.0.1 unless told another address, and
lists no folders: a folder without ``index.html`` is a 404, as on the hosted site.

With ``--live`` (``invoke serve --watch``), a page open in a browser loads itself again
when a new site is swapped in: each HTML page is sent with a short script that asks
``/__published`` every second, which answers which site is served now.  The files on disk
stay as built; only what is sent carries the script."""
from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import sys
from pathlib import Path


PUBLISHED = "/__published"
# the site the page came from, and a question every second: which site is served now?
# Another answer loads the page again (a failed question, the server starting again, does not)
LIVE = ('<script>(function(){var served="%s";setInterval(function(){'
        'fetch("' + PUBLISHED + '",{cache:"no-store"}).then(function(r){return r.ok?r.text():served})'
        '.then(function(now){if(now!==served)location.reload()}).catch(function(){})},1000)})()</script>')


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Files only: a folder's ``index.html`` or a 404, never a listing of its files."""

    def list_directory(self, path):
        self.send_error(404, "Not found")
        return None


class LiveHandler(SiteHandler):
    """Each HTML page sent with the script that loads it again after a new build."""

    def send_head(self):
        site = str(os.stat(self.directory).st_ino)  # a build swaps a new folder in: another inode
        route = self.path.split("?")[0]
        if route == PUBLISHED:
            return self._send(site.encode(), "text/plain")
        path = self.translate_path(self.path)
        if os.path.isdir(path) and route.endswith("/"):  # else the redirect to it
            path = os.path.join(path, "index.html")
        if not path.endswith(".html") or not os.path.isfile(path):
            return super().send_head()  # a redirect, a 404, any other file: as it is
        with open(path, "rb") as page:
            body = page.read()
        end = body.rfind(b"</body>")
        script = (LIVE % site).encode()
        return self._send(body[:end] + script + body[end:] if end >= 0 else body, "text/html; charset=utf-8")

    def _send(self, body: bytes, kind: str):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path, port: int, bind: str, live: bool = False) -> None:
    handler = functools.partial(LiveHandler if live else SiteHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer((bind, port), handler) as server:
        host, port = server.server_address[:2]
        print(f"serving {folder} on http://{host}:{port}/ (Ctrl-C stops)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m plugins.serve", description=__doc__)
    parser.add_argument("folder", nargs="?", default="output", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1", help="the address to listen on (127.0.0.1)")
    parser.add_argument("--live", action="store_true", help="pages load themselves again after a new build")
    args = parser.parse_args(argv)
    if not (args.folder / "index.html").is_file():
        print(f"{args.folder}: no built site here — run `invoke build` first", file=sys.stderr)
        return 2
    try:
        serve(args.folder, args.port, args.bind, args.live)
    except OSError as error:
        print(f"{args.bind}:{args.port}: {error.strerror} — choose another --port", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
