from django.apps import AppConfig


class CriteriaConfig(AppConfig):
    name = "prongsai.criteria"
    label = "criteria"
    verbose_name = "เกณฑ์การประเมิน ITA"
