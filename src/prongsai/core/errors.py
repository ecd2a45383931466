"""The one error base class of the cycle's rules: a stable code, a lazily translated message
and, where a form field caused it, the field's name. Views turn it into a 4xx with the message
next to the field (or on top); the API into ``{"code", "message", "field"}``; the CLI prints it."""

from __future__ import annotations


class ActionError(Exception):
    """A refusal by a rule of the workflow (never a crash): ``code`` is stable (for the API and
    tests), ``message`` is a Thai msgid (lazy: shown in the reader's language), ``field`` names
    the form field it belongs to, ``status`` is the HTTP status it maps to."""

    code = "refused"
    status = 400

    def __init__(self, message, *, code: str | None = None, field: str | None = None, **params):
        self.message = message
        self.params = params
        self.field = field
        if code:
            self.code = code
        super().__init__(str(self))

    def __str__(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text

    @property
    def message_th(self) -> str:
        """The message in Thai whatever the active language (for documents and logs)."""
        from django.utils import translation

        with translation.override("th"):
            return str(self)


class Frozen(ActionError):
    """The content is in review, approved or published: it cannot change by any path."""

    code = "frozen"
    status = 409


class NotApproved(ActionError):
    """Publishing what the sign-off chain has not approved (approved before published)."""

    code = "not_approved"
    status = 409


class Conflict(ActionError):
    """Someone else changed it meanwhile, or it exists already."""

    code = "conflict"
    status = 409


class Invalid(ActionError):
    """The data given does not satisfy a rule (a missing result, an empty chain…)."""

    code = "invalid"
    status = 400
