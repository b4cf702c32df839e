"""The guards of a real ``pactwatch serve`` process, over raw sockets: headers are bounded in
size (431, the connection closed) and in time (a slow client is disconnected), a chunked body
over the limit gets 413, and memory does not grow with what a client sends."""

from __future__ import annotations

import json
import re
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

from pactwatch.web.limits import HEADER_SECONDS, MAX_BODY
from tests.web.conftest import Served


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def connect(served: Served) -> socket.socket:
    parts = urlsplit(served.url)
    return socket.create_connection((parts.hostname, parts.port), timeout=10)


def read_all(sock: socket.socket) -> bytes:
    """What the server sends until it closes (or 10 s pass), b'' if it reset the connection."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    return data


def send_huge_header(served: Served, megabytes: int) -> tuple[int, bytes]:
    """Send a request whose Authorization header is ``megabytes`` long; how many bytes the
    server took before it closed the connection, and its answer."""
    sock = connect(served)
    sock.sendall(b"GET /api/actors HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ")
    sent = 0
    block = b"a" * 65536
    try:
        while sent < megabytes * 1024 * 1024:
            sock.sendall(block)
            sent += len(block)
        sock.sendall(b"\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    answer = read_all(sock)
    sock.close()
    return sent, answer


def test_an_oversized_header_is_refused_without_reading_it(served_sqlite: Served) -> None:
    before = rss_mb(served_sqlite.pid)
    started = time.monotonic()
    for _ in range(3):
        sent, answer = send_huge_header(served_sqlite, 64)
        assert sent < 64 * 1024 * 1024, "the server read a 64 MB header"
        assert answer == b"" or answer.startswith(b"HTTP/1.1 431 "), answer[:200]
        if answer:
            body = json.loads(answer.split(b"\r\n\r\n", 1)[1])
            assert body["error"]["status"] == 431
    assert time.monotonic() - started < 10
    assert rss_mb(served_sqlite.pid) - before < 20


def test_a_header_just_over_the_limit_gets_431(served_sqlite: Served) -> None:
    sock = connect(served_sqlite)
    sock.sendall(b"GET /api/actors HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"p" * 20_000 + b"\r\n\r\n")
    answer = read_all(sock)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    assert b"headers_too_large" in answer


def test_headers_growing_past_the_limit_get_431_before_they_end(served_sqlite: Served) -> None:
    sock = connect(served_sqlite)
    sock.sendall(b"GET /api/actors HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"p" * 20_000)
    answer = read_all(sock)  # the headers never end: the server answers and closes
    sock.close()
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    body = json.loads(answer.split(b"\r\n\r\n", 1)[1])
    assert body["error"]["code"] == "headers_too_large"
    assert "16,384 bytes" in body["error"]["message"]


def test_many_headers_get_431(served_sqlite: Served) -> None:
    sock = connect(served_sqlite)
    pads = b"".join(b"X-Pad-%d: 1\r\n" % n for n in range(150))
    sock.sendall(b"GET /api/actors HTTP/1.1\r\nHost: x\r\n" + pads + b"\r\n")
    answer = read_all(sock)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    assert b"at most 100" in answer


def test_slow_headers_are_cut_off(served_sqlite: Served) -> None:
    socks = [connect(served_sqlite) for _ in range(20)]
    for sock in socks:
        sock.sendall(b"GET /api/actors HTTP/1.1\r\nHost: x\r\n")
        sock.setblocking(False)
    started = time.monotonic()
    open_socks = set(socks)
    while open_socks and time.monotonic() - started < HEADER_SECONDS + 5:
        for sock in list(open_socks):
            try:
                sock.sendall(b"X")  # one byte of a header at a time: never finished
                if sock.recv(1024) == b"":
                    open_socks.discard(sock)
            except BlockingIOError:
                pass
            except OSError:  # reset: closed by the server
                open_socks.discard(sock)
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    for sock in socks:
        sock.close()
    assert not open_socks, f"{len(open_socks)} slow connections still open after {elapsed:.0f} s"
    assert elapsed < HEADER_SECONDS + 3


def test_a_kept_alive_connection_serves_requests_spaced_over_the_deadline(
    served_sqlite: Served,
) -> None:
    sock = connect(served_sqlite)
    for _ in range(3):
        sock.sendall(b"GET /api/arrangements?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data:
            data += sock.recv(65536)
        head, body = data.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 200 "), head[:100]
        length = int(re.search(rb"content-length: (\d+)", head, re.IGNORECASE)[1])  # type: ignore[index]
        while len(body) < length:
            body += sock.recv(65536)
        time.sleep(HEADER_SECONDS * 0.6)
    sock.close()


def test_a_chunked_body_over_the_limit_gets_413(served_sqlite: Served) -> None:
    sock = connect(served_sqlite)
    sock.sendall(
        b"POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Authorization: Bearer " + served_sqlite.editor.encode() + b"\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"x" * 65536
    sent = 0
    try:
        sock.sendall(b'a\r\n{"text": "\r\n')
        while sent <= MAX_BODY:
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
        sock.sendall(b'2\r\n"}\r\n0\r\n\r\n')
    except (BrokenPipeError, ConnectionResetError):
        pass
    answer = read_all(sock)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:300]
    assert b"over 2,097,152 bytes" in answer
