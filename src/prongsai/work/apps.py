from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    """The pages above every stage (home, an agency, a year of its cycle, my work) and the
    notifications events turn into. Nothing below imports this app."""

    name = "prongsai.work"
    label = "work"
    verbose_name = _("งานของฉัน")

    def ready(self) -> None:
        from prongsai.core import events

        from .notify import notify

        events.listen(notify)
