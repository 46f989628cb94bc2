"""The ceiling `make bench` compares with: the same gunicorn, no Django, no database.

GET /?bytes=N answers a fixed HTML page of N bytes, so each Horizont page is
compared with a page of its own size.
"""

from functools import lru_cache
from urllib.parse import parse_qs

HEAD = b'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Horizont</title></head><body><main>'
TAIL = b"</main></body></html>\n"
LINE = b"<p>Wirtschaftsf\xc3\xb6rderung International</p>\n"


@lru_cache(maxsize=64)
def page(size: int) -> bytes:
    filler = max(size - len(HEAD) - len(TAIL), 0)
    return HEAD + (LINE * (filler // len(LINE) + 1))[:filler] + TAIL


def application(environ, start_response):
    query = parse_qs(environ.get("QUERY_STRING", ""))
    body = page(min(int(query.get("bytes", ["20000"])[0]), 5_000_000))
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
        ],
    )
    return [body]
