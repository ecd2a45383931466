"""``prongsai demo``: load the demo agencies (the five seed documents). Safe to run again.

``prongsai demo --national [--seed N] [--agencies N] [--replace] [--planted-effects]``: generate
a whole country for the dashboards instead (see prongsai.demo.national); with
``--planted-effects`` some measures move chosen indicators by a known amount (the data
``prongsai suggestions refresh`` is checked against).
"""

from django.core.management.base import BaseCommand, CommandError

from prongsai.demo.services import DEMO_USER, load_demo


class Command(BaseCommand):
    help = "Load the demo data: the five seed agencies and seed 003's ITA 2566 assessment."

    def add_arguments(self, parser):
        parser.add_argument(
            "--national", action="store_true", help="generate a whole country (≈8,300 agencies)"
        )
        parser.add_argument("--seed", type=int, default=1, help="same seed, same country")
        parser.add_argument("--agencies", type=int, default=8300, help="how many agencies")
        parser.add_argument("--years", type=int, default=5, help="how many fiscal years")
        parser.add_argument(
            "--replace", action="store_true", help="remove a previous national data set first"
        )
        parser.add_argument(
            "--planted-effects",
            action="store_true",
            help="with --national: measure families with known effects on chosen indicators",
        )

    def handle(self, *args, **options):
        if options["national"]:
            return self._national(options)
        result = load_demo(progress=lambda name: self.stdout.write(f"  • {name}"))
        self.stdout.write(
            f"หน่วยงานตัวอย่าง {len(result.agencies)} แห่ง ผลการประเมิน {len(result.assessments)} รายการ"
        )
        for warning in result.warnings:
            self.stdout.write(f"  หมายเหตุ: {warning}")
        self._login()

    def _login(self):
        from prongsai.demo.services import _demo_user

        _demo_user()
        user, password = DEMO_USER
        self.stdout.write(f"ผู้ใช้ตัวอย่าง (demo login): {user} / {password}")

    def _national(self, options):
        from prongsai.core.progress import step_bars
        from prongsai.demo.national import CountryExists, generate

        with step_bars(quiet=options["verbosity"] == 0) as progress:
            try:
                result = generate(
                    seed=options["seed"],
                    agencies=options["agencies"],
                    years=options["years"],
                    replace=options["replace"],
                    planted=options["planted_effects"],
                    progress=progress,
                )
            except CountryExists as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"ประเทศจำลอง seed {options['seed']}: หน่วยงาน {result.agencies:,} แห่ง "
            f"อำเภอใหม่ {result.districts:,} ผลการประเมิน {result.assessments:,} "
            f"คะแนนรายข้อ {result.question_scores:,} แผน {result.plans:,} "
            f"มาตรการ {result.measures:,} ใน {result.seconds} วินาที"
        )
        if result.planted:
            import json

            # "family:indicator" → the mean gain planted (bench.suggestions reads this line)
            self.stdout.write("planted=" + json.dumps(result.planted))
        self._login()
