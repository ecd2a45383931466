"""``prongsai dashboards refresh [--year Y]``: rebuild the agency-year summaries the dashboards
read. Saving through the app keeps them current; run this after loading data some other way,
and daily so that "overdue" measures follow the calendar."""

from django.core.management.base import BaseCommand

from prongsai.dashboards.summaries import refresh


class Command(BaseCommand):
    help = "Rebuild the per agency-year summaries of the dashboards."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["refresh"])
        parser.add_argument("--year", type=int, action="append", help="only these fiscal years")

    def handle(self, *args, **options):
        count = refresh(years=options["year"])
        self.stdout.write(f"สรุปผลรายหน่วยงานรายปี {count:,} แถว")
