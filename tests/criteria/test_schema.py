"""`prongsai criteria schema` prints a JSON Schema that every shipped file satisfies, and that
refuses what the loader refuses structurally."""

from __future__ import annotations

import io
import json

import jsonschema_rs
import pytest
import yaml
from django.core.management import call_command

from prongsai.criteria import loader, schema

FILES = sorted(loader.DATA_DIR.glob("ita-*.yaml"))


def as_json(path):
    # YAML dates and numbers as JSON would carry them (an editor's YAML plugin does the same)
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


@pytest.fixture(scope="module")
def validator():
    out = io.StringIO()
    call_command("criteria", "schema", stdout=out)
    return jsonschema_rs.validator_for(json.loads(out.getvalue()))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shipped_file_satisfies_the_schema(validator, path):
    errors = [e.message for e in validator.iter_errors(as_json(path))]
    assert errors == []


def test_the_schema_refuses_an_unknown_key_and_a_wrong_value(validator):
    doc = as_json(loader.DATA_DIR / "ita-2567.yaml")
    doc["questions"][0]["confidnce"] = "low"
    assert not validator.is_valid(doc)
    doc = as_json(loader.DATA_DIR / "ita-2567.yaml")
    doc["questions"][-1]["fulfilled_by"] = ["memo"]
    assert not validator.is_valid(doc)
    doc = as_json(loader.DATA_DIR / "ita-2567.yaml")
    del doc["rating"]
    assert not validator.is_valid(doc)


def test_the_loader_checks_the_fields_the_schema_defines():
    # one definition: every key of a question in the schema is a key the loader accepts
    assert list(loader._QUESTION_FIELDS) == list(schema.QuestionModel.model_fields)
    assert loader._QUESTION_FIELDS["fulfilled_by"].kind == "list"
    assert loader._QUESTION_FIELDS["period"].choices == ("current", "previous")


def test_the_shipped_schema_file_is_current():
    """data/criteria.schema.json is what editors point at; regenerate it with
    `prongsai criteria schema > src/prongsai/criteria/data/criteria.schema.json`."""
    shipped = json.loads((loader.DATA_DIR / "criteria.schema.json").read_text(encoding="utf-8"))
    assert shipped == schema.json_schema()
