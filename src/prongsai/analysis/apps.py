from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "prongsai.analysis"
    label = "analysis"
    verbose_name = "การวิเคราะห์ผลการประเมิน"
