from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "prongsai.access"
    verbose_name = "สิทธิ์การใช้งาน"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from prongsai.agencies.models import Signatory, Unit
        from prongsai.core.actions import guard

        from .models import Membership

        # membership_*, chain_set and unit_add (access/actions.py) are the only writers (a
        # measure's or an import's new unit is added inside measure.save / import.save)
        guard([Membership, Signatory, Unit])
