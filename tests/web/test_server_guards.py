"""The guards of a real ``pactwatch serve`` process, over raw sockets: headers are bounded in
size (431, the connection closed) and in time (a slow client is disconnected), a chunked body
over the limit gets 413, memory does not grow with what a client sends, a write's token is
checked before its body is read (401/403), and a body must come at a pace (408)."""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pactwatch.web.app import BODY_SECONDS_VARIABLE
from pactwatch.web.limits import BODY_IDLE_SECONDS, HEADER_SECONDS, MAX_BODY
from tests.web.conftest import Served, serving


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


def stalled_write(served: Served, *, token: str | None, body: bytes = b"") -> socket.socket:
    """A socket that sent a write's headers (a 100,000-byte body declared) and ``body``."""
    sock = connect(served)
    auth = b"Authorization: Bearer " + token.encode() + b"\r\n" if token else b""
    sock.sendall(
        b"POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100000\r\n" + auth + b"\r\n" + body
    )
    return sock


def read_answer(sock: socket.socket, within: float) -> tuple[bytes, dict[str, object]]:
    """The status line and the JSON body of one answer that must come within ``within`` s."""
    sock.settimeout(within)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        head, body = data.split(b"\r\n\r\n", 1)
        found = re.search(rb"content-length: (\d+)", head, re.IGNORECASE)
        assert found, head
        while len(body) < int(found[1]):
            body += sock.recv(65536)
    except TimeoutError:
        raise AssertionError(f"no answer within {within} s (got {data[:200]!r})") from None
    error: dict[str, object] = json.loads(body)["error"]
    assert set(error) == {"status", "code", "message", "field", "suggestions"}
    return head.split(b"\r\n", 1)[0], error


def closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes the connection within ``seconds`` (sending nothing more)."""
    sock.settimeout(seconds)
    try:
        return sock.recv(65536) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_a_write_without_a_good_token_is_refused_before_its_body(served_sqlite: Served) -> None:
    """The audit's stalled write (a body declared, never sent, no token) is answered at once
    and the connection closed within the header deadline; meanwhile others are served."""
    socks = [stalled_write(served_sqlite, token=None) for _ in range(15)]
    socks += [stalled_write(served_sqlite, token="pw_no-such-token") for _ in range(15)]
    started = time.monotonic()
    for sock in socks:
        status, error = read_answer(sock, within=5)
        assert status.startswith(b"HTTP/1.1 401 "), status
        assert error["code"] == "unauthorized"
    assert time.monotonic() - started < 3
    with served_sqlite.client() as client:
        assert client.get("/api/arrangements?limit=1").status_code == 200
    assert all(closed_within(sock, HEADER_SECONDS + 3) for sock in socks)
    assert time.monotonic() - started < HEADER_SECONDS + 3
    for sock in socks:
        sock.close()


def test_a_write_with_a_reader_token_is_refused_before_its_body(served_sqlite: Served) -> None:
    sock = stalled_write(served_sqlite, token=served_sqlite.reader)
    status, error = read_answer(sock, within=5)
    sock.close()
    assert status.startswith(b"HTTP/1.1 403 "), status
    assert "needs an editor token" in str(error["message"])


def test_a_body_that_stops_coming_gets_408(served_sqlite: Served) -> None:
    sock = stalled_write(served_sqlite, token=served_sqlite.editor, body=b'{"text": "Canada')
    started = time.monotonic()
    status, error = read_answer(sock, within=BODY_IDLE_SECONDS + 4)
    waited = time.monotonic() - started
    assert status.startswith(b"HTTP/1.1 408 "), status
    assert error["code"] == "too_slow"
    assert f"arrived for {BODY_IDLE_SECONDS:g} s" in str(error["message"])
    assert BODY_IDLE_SECONDS - 0.5 < waited < BODY_IDLE_SECONDS + 3
    assert closed_within(sock, 2)
    sock.close()


IMPATIENT_SECONDS = 6
"""The body deadline of the server below (30 s by default)."""


@pytest.fixture(scope="module")
def served_impatient(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A server whose body deadline is IMPATIENT_SECONDS (PACTWATCH_BODY_SECONDS)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(BODY_SECONDS_VARIABLE, str(IMPATIENT_SECONDS))
        db = str(tmp_path_factory.mktemp("impatient") / "ledger.db")
        with serving(db) as found:
            yield found


def test_a_trickled_body_gets_408_at_the_deadline(served_impatient: Served) -> None:
    """A byte each 0.5 s never trips the 5 s pause, but the body's deadline ends it."""
    sock = stalled_write(served_impatient, token=served_impatient.editor, body=b'{"text": "')
    sock.settimeout(0.5)
    started = time.monotonic()
    data = b""
    while time.monotonic() - started < IMPATIENT_SECONDS + 4:
        try:
            sock.sendall(b"x")
            data = sock.recv(65536)
            break
        except TimeoutError:
            continue
        except OSError:
            break
    waited = time.monotonic() - started
    sock.settimeout(3)
    data += read_all(sock)  # the rest of the answer, until the server closes
    assert data.startswith(b"HTTP/1.1 408 "), data[:200]
    assert b"took over 6 s" in data
    assert IMPATIENT_SECONDS - 0.5 < waited < IMPATIENT_SECONDS + 3
    sock.close()
