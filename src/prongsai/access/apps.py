from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "prongsai.access"
    verbose_name = "สิทธิ์การใช้งาน"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from prongsai.agencies.models import Signatory
        from prongsai.core.actions import guard

        from .models import Membership

        # membership_* and chain_set (access/actions.py) are the only writers
        guard([Membership, Signatory])
