"""Error kinds and exit codes: one exception type per thing that can go wrong with an input.

Every error has a ``kind`` (the word written to ``errors.jsonl``) and an ``exit_code`` (what a
single-URL run exits with). Batch runs exit with the summary codes below instead.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_SOME_FAILED = 1  # batch: at least one URL failed, at least one succeeded
EXIT_USAGE = 2  # bad argument, bad URL, unreadable input file
EXIT_NETWORK = 3  # DNS, connection refused/reset, TLS, too many redirects
EXIT_HTTP_STATUS = 4  # the server answered with a 4xx/5xx status
EXIT_NOT_HTML = 5  # the response is not an HTML document
EXIT_NOT_ARTICLE = 6  # an HTML page, but not an article (listing, 404 page, empty)
EXIT_TOO_LARGE = 7  # the body is over the size limit
EXIT_TIMEOUT = 8  # connect/read/total deadline passed
EXIT_ROBOTS = 9  # robots.txt forbids the URL
EXIT_ALL_FAILED = 10  # batch: every URL failed
EXIT_OUTPUT = 11  # the output could not be written
EXIT_INTERRUPTED = 130  # Ctrl-C


class ScrapeError(Exception):
    """Base class: one input could not be turned into an article."""

    kind = "error"
    exit_code = EXIT_NETWORK

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        status: int | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.url = url
        self.status = status
        self.attempts = attempts

    def to_record(self) -> dict[str, object]:
        """The JSON record written to errors.jsonl."""
        return {
            "url": self.url,
            "kind": self.kind,
            "status": self.status,
            "attempts": self.attempts,
            "message": self.message,
        }


class InvalidInput(ScrapeError):
    kind = "invalid"
    exit_code = EXIT_USAGE


class NetworkError(ScrapeError):
    kind = "network"
    exit_code = EXIT_NETWORK


class RedirectError(NetworkError):
    """The redirects lead nowhere: a loop, too many, or to an invalid or non-HTTP URL. Still a
    network failure (same kind, same exit code); robots.txt readers tell it apart, since RFC
    9309 counts such a robots.txt as unavailable (no rules), not unreachable (disallow all)."""


class FetchTimeout(ScrapeError):
    kind = "timeout"
    exit_code = EXIT_TIMEOUT


class HTTPStatusError(ScrapeError):
    kind = "http-status"
    exit_code = EXIT_HTTP_STATUS


class NotHTML(ScrapeError):
    kind = "not-html"
    exit_code = EXIT_NOT_HTML


class NotArticle(ScrapeError):
    kind = "not-article"
    exit_code = EXIT_NOT_ARTICLE


class TooLarge(ScrapeError):
    kind = "too-large"
    exit_code = EXIT_TOO_LARGE


class RobotsDisallowed(ScrapeError):
    kind = "robots"
    exit_code = EXIT_ROBOTS


class OutputError(ScrapeError):
    kind = "output"
    exit_code = EXIT_OUTPUT


ERROR_KINDS: dict[str, type[ScrapeError]] = {
    cls.kind: cls
    for cls in (
        InvalidInput,
        NetworkError,
        FetchTimeout,
        HTTPStatusError,
        NotHTML,
        NotArticle,
        TooLarge,
        RobotsDisallowed,
        OutputError,
    )
}
