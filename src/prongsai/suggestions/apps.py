from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    name = "prongsai.suggestions"
    label = "suggestions"
    verbose_name = "มาตรการที่ได้ผลที่อื่น"
