"""`prongsai criteria schema` prints a JSON Schema that every shipped file satisfies, and that
refuses what the loader refuses structurally."""

from __future__ import annotations

import io
import json

import jsonschema_rs
import pydantic
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


def test_the_cross_checks_are_validators_of_the_schema():
    """The weights summing to 100, a weight not negative, the rules covering 0–100 and the OIT
    window's order are the schema's own validators (``schema.mistake``: Thai and English and
    where); the loader only puts them on their line."""
    doc = yaml.safe_load((loader.DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8"))
    schema.CriteriaFile.model_validate(doc)  # a shipped file passes
    doc["tools"][0] = {**doc["tools"][0], "weight": -30}
    doc["rating"]["rules"] = [r for r in doc["rating"]["rules"] if r["min_overall"] >= 70]
    doc["rating"]["rules"] = [r for r in doc["rating"]["rules"] if r["min_overall"] != 85]
    doc["oit_window"] = {
        "opens": "2023-06-30",
        "closes": "2023-01-01",
        "confidence": "low",
        "source": "SEED-3",
    }
    with pytest.raises(pydantic.ValidationError) as caught:
        schema.CriteriaFile.model_validate(doc)
    found = {
        e["loc"] + tuple(e["ctx"]["at"]): e["ctx"]["th"]
        for e in caught.value.errors()
        if e["type"] == "cross_check"
    }
    assert "น้ำหนักต้องไม่ติดลบ (พบ -30)" in found[("tools", 0, "weight")]
    assert found[("rating", "rules")].startswith("ไม่มีระดับใดรับคะแนน 0.00–69.99, ")
    assert "วันปิด (2023-01-01) อยู่ก่อนวันเปิด (2023-06-30)" in found[("oit_window", "closes")]
    doc["tools"][0] = {**doc["tools"][0], "weight": 35}
    with pytest.raises(pydantic.ValidationError, match="add up to 105"):
        schema.CriteriaFile.model_validate({**doc, "rating": doc["rating"] | {"rules": []}})


def test_sources_and_the_year_are_validators_of_the_schema_too():
    """A cited source not defined (and one defined, not cited) and a year the file is not named
    for are found by the schema itself — beside the file's other mistakes (a wrap validator)."""
    doc = yaml.safe_load((loader.DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8"))
    schema.CriteriaFile.model_validate(doc, context={"file": "ita-2566.yaml"})
    doc["questions"][3] = {**doc["questions"][3], "source": "NOPE"}
    doc["sources"] = {**doc["sources"], "UNUSED": "somewhere"}
    doc["tools"][0] = {**doc["tools"][0], "weight": 31}  # a mistake of another part
    with pytest.raises(pydantic.ValidationError) as caught:
        schema.CriteriaFile.model_validate(doc, context={"file": "ita-2567.yaml"})
    found = {
        e["loc"] + tuple(e["ctx"]["at"]): e["ctx"]["th"]
        for e in caught.value.errors()
        if e["type"] == "cross_check"
    }
    assert found[("questions", 3, "source")].startswith('แหล่งอ้างอิง "NOPE" ไม่ได้กำหนดไว้ใน sources')
    assert "UNUSED" in found[("sources",)] and "ไม่ได้ใช้ที่ใดเลย" in found[("sources",)]
    assert "แต่ชื่อไฟล์เป็นของปี 2567" in found[("fiscal_year",)]
    assert "รวมกันได้ 101" in found[("tools",)]
