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

        from django.db.models.signals import post_delete, post_save

        from prongsai.agencies.models import Agency

        from .readiness import bump_on_commit

        # the dashboards' cached readiness (readiness.version): a workspace, an item or an
        # agency's name changed
        for model in (OitWorkspace, OitItem, Agency):
            post_save.connect(bump_on_commit, sender=model, dispatch_uid=f"oit-ready-{model}")
            post_delete.connect(bump_on_commit, sender=model, dispatch_uid=f"oit-ready-{model}")
