"""The agency admin's forms: members, units and the sign-off chain."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Signatory, Unit

from .models import AGENCY_ROLES, Membership


class MemberForm(forms.Form):
    username = forms.CharField(label=_("ชื่อผู้ใช้"), max_length=150)
    role = forms.ChoiceField(
        label=_("บทบาท"), choices=[c for c in Membership.ROLE_CHOICES if c[0] in AGENCY_ROLES]
    )
    password = forms.CharField(
        label=_("รหัสผ่านเริ่มต้น (เฉพาะผู้ใช้ใหม่)"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("เว้นว่างถ้าผู้ใช้มีบัญชีอยู่แล้ว"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = _("โปรดใส่ชื่อผู้ใช้")


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name"]
        labels = {"name": _("ชื่อส่วนราชการ/กอง")}


class SignatoryForm(forms.ModelForm):
    class Meta:
        model = Signatory
        fields = ["order", "name", "position", "user", "active"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(agency=agency).values("user")
        self.fields["user"].queryset = get_user_model().objects.filter(pk__in=members)
        self.fields["user"].label = _("ผู้ใช้ของระบบ (ถ้ามี)")
        self.fields["user"].empty_label = _("— ไม่ผูกกับผู้ใช้ —")
        for name in ("name", "position"):
            self.fields[name].error_messages["required"] = _("โปรดกรอกช่องนี้")


SignatoryFormSet = forms.modelformset_factory(
    Signatory, form=SignatoryForm, extra=1, can_delete=True
)
