"""Dependencies between the apps point one way (issue 11: no back-edges). The stages go
criteria → agencies → assessments → analysis → measures → documents, with ``core`` (and
``thai``) at the bottom; shared pieces live down there, never in a later stage. The check reads
the imports of every module (also those inside functions)."""

import ast
from pathlib import Path

import pytest

import prongsai

SRC = Path(prongsai.__file__).parent

# app → apps it must never import (a later stage, or one that would make a cycle)
FORBIDDEN = {
    "core": {
        "access",
        "agencies",
        "analysis",
        "assessments",
        "criteria",
        "documents",
        "ingest",
        "measures",
        "oit",
        "work",
        "dashboards",
        "api",
        "demo",
    },
    "thai": {"core", "access", "agencies", "analysis", "measures", "ingest", "documents"},
    "analysis": {"measures", "documents", "ingest", "oit", "work", "dashboards"},
    "assessments": {"analysis", "measures", "documents", "ingest", "oit", "work", "dashboards"},
    "measures": {"ingest", "oit", "work", "dashboards"},
    "oit": {"measures", "ingest", "work", "dashboards"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n.split(".")[1] for n in names if n.startswith("prongsai.") and n.count(".") >= 1}


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_no_app_imports_a_later_stage(app):
    folder = SRC / app
    files = [folder.with_suffix(".py")] if not folder.is_dir() else sorted(folder.rglob("*.py"))
    wrong = {
        f"{path.relative_to(SRC)} imports prongsai.{other}"
        for path in files
        if "migrations" not in path.parts
        for other in _imports(path) & FORBIDDEN[app]
    }
    assert not wrong, sorted(wrong)
