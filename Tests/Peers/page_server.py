"""Serves the HTML pages of Tests/Peers over HTTP, so a browser test can load a page from
an origin of its own: another port than the server the page talks to, hence another
origin, so the page's requests to that server are cross-origin and CORS applies for real.

    usage: page_server.py [--port N]

Prints `listening on 127.0.0.1:PORT` first, like our demos. `GET /NAME.html` answers the
file Tests/Peers/NAME.html; anything else is 404. SIGTERM stops it.
"""

import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from peer_lines import say

PAGES = os.path.dirname(os.path.abspath(__file__))


class PageHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        name = self.path.split("?", 1)[0].lstrip("/")
        path = os.path.join(PAGES, name)
        if "/" in name or not name.endswith(".html") or not os.path.isfile(path):
            self.send_error(404)
            return
        with open(path, "rb") as file:
            body = file.read()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # quiet: the test reads stdout


def main(port):
    # A child inherits its parent's blocked signals, and a test process may block SIGTERM
    # (to read it with sigwait); unblocked here, SIGTERM ends the process.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = ThreadingHTTPServer(("127.0.0.1", port), PageHandler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    say(f"listening on {host}:{port}")
    server.serve_forever()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments and (len(arguments) != 2 or arguments[0] != "--port"):
        sys.exit(__doc__)
    main(int(arguments[1]) if arguments else 0)
