from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "prongsai.measures"
    label = "measures"
    verbose_name = "มาตรการและรายงานผล"

    def ready(self):
        # every change of a plan, a measure, a round, its rows and evidence, a memo and its
        # sign-offs goes through measures.actions: anything else saving them is refused
        from prongsai.core.actions import guard

        from . import models

        guard(
            [
                models.MeasurePlan,
                models.Measure,
                models.ProgressRound,
                models.MeasureProgress,
                models.Evidence,
                models.Memo,
                models.SignOff,
                models.MemoEvent,
            ]
        )
