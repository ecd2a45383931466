"""The production static files storage: WhiteNoise's compressed (gzip, Brotli when available)
files with hashed names. The vendored scripts (Chart.js…) name source maps that are not
shipped; their ``sourceMappingURL`` comments are left as they are instead of failing
``collectstatic`` (the CSS's ``url()`` references are still rewritten to hashed names)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple(
        (glob, rules)
        for glob, rules in CompressedManifestStaticFilesStorage.patterns
        if glob != "*.js"
    )
