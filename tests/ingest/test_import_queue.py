"""``prongsai import DIR --queue``: a folder becomes its documents, each imported by a task
(eager here: the task body; the broker and workers themselves are tested in tests/queue);
sending the same folder again imports nothing twice."""

import shutil
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from prongsai.ingest.models import ImportedDocument

from ..conftest import SEEDS


@pytest.mark.django_db
def test_a_folder_through_the_queue(criteria, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "docs" / "2566"
    folder.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("00[03]_*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "notes.json").write_text("{}")  # not a document: left out
    out = StringIO()
    call_command("import", str(tmp_path / "docs"), "--queue", stdout=out)
    assert "ส่ง 2 ไฟล์" in out.getvalue()
    assert ImportedDocument.objects.filter(status="saved").count() == 2
    assert not default_storage.listdir("imports/queue")[1]  # the waiting copies are gone
    call_command("import", str(tmp_path / "docs"), "--queue", stdout=StringIO())
    assert ImportedDocument.objects.count() == 2
