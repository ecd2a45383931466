from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "prongsai.measures"
    label = "measures"
    verbose_name = "มาตรการและรายงานผล"
