from django.apps import AppConfig


class OitConfig(AppConfig):
    name = "prongsai.oit"
    label = "oit"
    verbose_name = "งานเปิดเผยข้อมูลสาธารณะ (OIT)"

    def ready(self):
        from prongsai.core.actions import guard

        from .models import OitEvidence, OitItem, OitWorkspace

        # every write of the workspace goes through oit/actions.py
        guard([OitWorkspace, OitItem, OitEvidence])
