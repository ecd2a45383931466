"""The ``<fmt:…>`` URL converter (pdf, docx, xlsx, html), registered once."""

from django.urls import register_converter


class Format:
    regex = "pdf|docx|xlsx|html"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(Format, "fmt")
