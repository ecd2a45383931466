from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "prongsai.analysis"
    label = "analysis"
    verbose_name = "การวิเคราะห์ผลการประเมิน"

    def ready(self) -> None:
        from prongsai.core.actions import guard

        from .models import Analysis, Finding, IssueNarrative

        # analysis_draft/analysis_save, import_save, and the memo actions (its status)
        guard([Analysis, Finding, IssueNarrative])
