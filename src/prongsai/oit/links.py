"""Checking the evidence URLs: fetch each with a short timeout, record status and last-seen
time through :func:`prongsai.oit.actions.oit_links_record`, so broken links are flagged on the
workspace. Standard library only (``urllib``); a HEAD request first, GET when the server does
not answer HEAD. Run by ``prongsai oit check-links`` (and by the queue's schedule once it exists).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from django.utils import timezone

from prongsai.core.actions import SYSTEM

from .actions import LinkResult, oit_links_record
from .models import OitEvidence

USER_AGENT = "Prongsai-link-check/1 (+https://github.com/prongsai)"


class _NoRedirectLimit(urllib.request.HTTPRedirectHandler):
    max_redirections = 5


def fetch(url: str, timeout: float) -> tuple[int | None, str]:
    """(HTTP status, error text) of one URL; the error is empty when the server answered."""
    opener = urllib.request.build_opener(_NoRedirectLimit())
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, ""
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (405, 501):
                continue  # the server does not do HEAD: ask again with GET
            return exc.code, ""
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            return None, str(reason)[:200] or exc.__class__.__name__
        except ValueError as exc:  # a URL urllib cannot read
            return None, str(exc)[:200]
    return None, "no answer"


def check(
    evidence: Iterable[OitEvidence] | None = None, *, timeout: float = 5.0, workers: int = 4
) -> list[LinkResult]:
    rows = list(evidence if evidence is not None else OitEvidence.objects.exclude(url=""))
    urls = sorted({e.url for e in rows})

    def one(url):
        return url, fetch(url, timeout)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        answers = dict(pool.map(one, urls))
    now = timezone.now()
    results = [LinkResult(e.pk, *answers[e.url], now) for e in rows]
    oit_links_record(results, by=SYSTEM)
    return results
