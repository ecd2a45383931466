"""``prongsai suggestions refresh [--queue]``: recompute the measure families and effect estimates.

Runs :func:`prongsai.suggestions.compute.recompute` in this process, or with ``--queue`` sends
the job (``suggestions.refresh``, the daily schedule's task) to the workers and returns.
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Recompute the measure families and their effect estimates from the national data."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["refresh"])
        parser.add_argument("--chunk-size", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=0, help="the bootstrap's seed")
        parser.add_argument(
            "--queue", action="store_true", help="send the job to the workers instead of running it"
        )

    def handle(self, *args, **options):
        if options["queue"]:
            from prongsai.queue import later
            from prongsai.suggestions.tasks import refresh

            later(refresh, chunk_size=options["chunk_size"], seed=options["seed"])
            self.stdout.write("ส่งงานคำนวณกลุ่มมาตรการเข้าคิวแล้ว")
            return
        from prongsai.core.progress import step_bars
        from prongsai.suggestions.compute import recompute

        with step_bars(quiet=options["verbosity"] == 0) as progress:
            result = recompute(
                chunk_size=options["chunk_size"], seed=options["seed"], progress=progress
            )
        self.stdout.write(
            f"มาตรการ {result.measures:,} รายการ ({result.texts:,} ข้อความ) "
            f"กลุ่มมาตรการ {result.families:,} กลุ่ม ผลต่างที่ประมาณได้ {result.effects:,} รายการ "
            f"(รายข้อ {result.question_effects:,} รายการ) ใน {result.seconds} วินาที"
        )
