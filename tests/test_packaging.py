"""Packaging: the wheel carries templates, assets and content and works when installed; schemas are current."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from briefing import schemas
from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_carries_resources_and_runs_installed(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0 and "hatchling" in build.stderr:
        build = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(REPO)], capture_output=True, text=True
        )
    assert build.returncode == 0, build.stderr
    [wheel] = tmp_path.glob("briefing-*.whl")
    with zipfile.ZipFile(wheel) as package:
        names = set(package.namelist())
        package.extractall(tmp_path / "site")
    for needed in (
        "briefing/_resources/templates/meeting-brief.xml.j2",
        "briefing/_resources/assets/reference.docx",
        "briefing/_resources/assets/fonts/LiberationSans-Regular.ttf",
        "briefing/_resources/assets/styles/house-style.yaml",
        "briefing/_resources/content/cpec-action-plan-2025.yaml",
    ):
        assert needed in names, needed
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "site"), BRIEFING_HOME=str(tmp_path / "home"))
    code = "import briefing.paths as p, briefing.cli as c, sys; print(p.resource_root()); sys.exit(c.main(['content', 'list', '--kind', 'pillar']))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == str(tmp_path / "site" / "briefing" / "_resources")
    assert len(lines) == 6 and all("\tpillar\t" in line for line in lines[1:])


@pytest.mark.parametrize("name", sorted(schemas.SCHEMAS))
def test_shipped_schemas_are_current(name):
    model, title = schemas.SCHEMAS[name]
    shipped = (REPO / "assets" / "schemas" / name).read_text(encoding="utf-8")
    assert shipped == schemas.schema_text(model, title), f"run: python -m briefing.schemas ({name} is out of date)"


def test_seed_pack_validates_against_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads((REPO / "assets" / "schemas" / "content-pack.schema.json").read_text(encoding="utf-8"))
    for pack in sorted((REPO / "content").glob("*.yaml")):
        data = yaml.safe_load(pack.read_text(encoding="utf-8"))
        jsonschema.validate(data, schema)


def test_sample_brief_validates_against_the_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "assets" / "schemas" / "brief.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads((REPO / "assets" / "samples" / "sample.brief").read_text(encoding="utf-8")), schema)


def test_paths_are_not_posix_only():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "briefing").rglob("*.py"))
    assert "/tmp" not in source and "os.getuid" not in source and "expanduser('~/" not in source
