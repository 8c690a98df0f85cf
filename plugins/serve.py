"""``python -m plugins.serve [FOLDER] [--port N] [--bind ADDRESS]``: serve the built site
for a look before publishing.  It listens on 127.0.0.1 unless told another address, and
lists no folders: a folder without ``index.html`` is a 404, as on the hosted site."""
from __future__ import annotations

import argparse
import functools
import http.server
import sys
from pathlib import Path


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Files only: a folder's ``index.html`` or a 404, never a listing of its files."""

    def list_directory(self, path):
        self.send_error(404, "Not found")
        return None


def serve(folder: Path, port: int, bind: str) -> None:
    handler = functools.partial(SiteHandler, directory=str(folder))
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
    args = parser.parse_args(argv)
    if not (args.folder / "index.html").is_file():
        print(f"{args.folder}: no built site here — run `invoke build` first", file=sys.stderr)
        return 2
    try:
        serve(args.folder, args.port, args.bind)
    except OSError as error:
        print(f"{args.bind}:{args.port}: {error.strerror} — choose another --port", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
