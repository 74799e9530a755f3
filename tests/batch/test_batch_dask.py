"""The dask engine on a LocalCluster of two workers gives byte-for-byte the local outputs."""

from __future__ import annotations

import pytest
from batch_helpers import ROOT, SEEDS, files_under, report

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

from newsclean.cli import main  # noqa: E402
from newsclean.convert import iter_convert  # noqa: E402

FORMATS = ("json", "md", "txt")


@pytest.fixture(scope="module")
def cluster():
    # Threads, not processes: fast to start on a 2-core machine, and the two
    # workers then also run the cleaners concurrently in one process.
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None, scheduler_port=0
    ) as local:
        yield local


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    assert all(r.ok for r in iter_convert([str(ROOT / "seeds")], out, formats=FORMATS))
    return files_under(out)


def test_cli_on_a_local_cluster_matches_the_local_run(cluster, local_run, tmp_path):
    out = tmp_path / "dask"
    args = ["convert", str(ROOT / "seeds"), "-o", str(out), "--to", ",".join(FORMATS)]
    assert main([*args, "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 0
    assert files_under(out) == local_run
    assert len(local_run) == len(SEEDS) * len(FORMATS)
    rep = report(out)
    assert rep["settings"]["engine"] == "dask" and rep["totals"]["ok"] == len(SEEDS)
    # Resume works the same through the cluster.
    assert main([*args, "--engine", "dask", "--scheduler", cluster.scheduler_address]) == 0
    assert report(out)["totals"]["skipped"] == len(SEEDS)


def test_fsspec_urls_in_and_out(cluster, local_run):
    memory = fsspec.filesystem("memory")
    for seed in SEEDS:
        memory.pipe_file(f"/nc-test/in/{seed.name}", seed.read_bytes())
    with distributed.Client(cluster, set_as_default=False) as client:
        results = list(
            iter_convert(
                ["memory://nc-test/in"], "memory://nc-test/out", formats=FORMATS, engine="dask", scheduler=client
            )
        )
    assert sorted(r.status for r in results) == ["ok"] * len(SEEDS)
    got = {path.split("/nc-test/out/", 1)[1]: memory.cat_file(path) for path in memory.find("/nc-test/out")}
    assert {k: v for k, v in got.items() if not k.startswith(".")} == local_run
    memory.rm("/nc-test", recursive=True)


def test_bad_files_on_the_cluster_are_reported_not_raised(cluster, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x7fELF" + bytes(32))
    results = list(
        iter_convert([str(SEEDS[0]), str(bad)], tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address)
    )
    assert sorted(r.status for r in results) == ["failed", "ok"]
