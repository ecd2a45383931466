"""prongsai token USER [--name NAME]: issue an API token (printed once)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from prongsai.api.models import ApiToken


class Command(BaseCommand):
    help = "ออกโทเคน API ให้ผู้ใช้ (แสดงครั้งเดียว) / issue an API token for a user"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="api", help="ใช้กับระบบใด / what it is for")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ “{username}” / no user {username!r}")
        _token, key = ApiToken.issue(user, name)
        self.stdout.write(key)
