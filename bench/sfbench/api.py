"""A small keep-alive HTTP/JSON client for one thread (stdlib only), reconnecting when needed."""
import http.client
import json
from urllib.parse import urlsplit


class ApiError(Exception):
    """The server could not be reached or closed the connection mid-request."""


class Client:
    """One persistent connection to `base_url` (e.g. http://127.0.0.1:8080)."""

    def __init__(self, base_url, timeout=30.0, headers=None):
        u = urlsplit(base_url)
        self.host, self.port = u.hostname, u.port or 80
        self.timeout = timeout
        self.headers = headers or {}
        self.conn = None

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None):
        """Returns (status, raw body bytes). Raises ApiError when no response arrived."""
        data = None
        h = dict(self.headers)
        h.update(headers or {})
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body, ensure_ascii=False)
            data = data.encode("utf-8") if isinstance(data, str) else data
            h.setdefault("Content-Type", "application/json")
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=data, headers=h)
                resp = self.conn.getresponse()
                raw = resp.read()
                if resp.getheader("Connection", "").lower() == "close":
                    self.close()
                return resp.status, raw
            except (http.client.HTTPException, OSError) as e:
                self.close()
                # A keep-alive connection the server closed while idle: retry once, but only for
                # requests that are safe to repeat.
                if attempt == 0 and method in ("GET", "HEAD") and isinstance(e, (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)):
                    continue
                raise ApiError(f"{method} {path}: {e!r}") from e
        raise ApiError(f"{method} {path}: no response")

    def json(self, method, path, body=None, headers=None):
        status, raw = self.request(method, path, body, headers)
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, {"_raw": raw.decode("utf-8", "replace")}
