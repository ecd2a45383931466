"""``prongsai demo``: load the demo agencies (the five seed documents). Safe to run again."""

from django.core.management.base import BaseCommand

from prongsai.demo.services import DEMO_USER, load_demo


class Command(BaseCommand):
    help = "Load the demo data: the five seed agencies and seed 003's ITA 2566 assessment."

    def handle(self, *args, **options):
        result = load_demo(progress=lambda name: self.stdout.write(f"  • {name}"))
        self.stdout.write(
            f"หน่วยงานตัวอย่าง {len(result.agencies)} แห่ง ผลการประเมิน {len(result.assessments)} รายการ"
        )
        for warning in result.warnings:
            self.stdout.write(f"  หมายเหตุ: {warning}")
        user, password = DEMO_USER
        self.stdout.write(f"ผู้ใช้ตัวอย่าง (demo login): {user} / {password}")
