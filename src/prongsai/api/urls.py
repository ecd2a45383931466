"""The API's URLs. The API answers 401 itself, so its views are exempt from the login
redirect of the pages (LoginRequiredMiddleware)."""

from django.urls import URLPattern, URLResolver

from .api import api


def _exempt(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _exempt(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback.login_required = False
    return patterns


patterns, app_name, namespace = api.urls
urls = (_exempt(patterns), app_name, namespace)
