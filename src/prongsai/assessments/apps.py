from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "prongsai.assessments"
    label = "assessments"
    verbose_name = "ผลการประเมิน ITA"

    def ready(self) -> None:
        from prongsai.core.actions import guard

        from .models import Assessment, IndicatorScore, QuestionScore, ToolScore

        # only scores_record (assessments/actions.py) writes scores
        guard([Assessment, QuestionScore, IndicatorScore, ToolScore])
