"""The ``dask`` engine: the same conversion, run on a Dask distributed cluster.

Each input is one task: the worker reads the input, cleans it, writes the
outputs itself and sends back only the small :class:`ConvertResult`, so the
inputs and outputs must be at locations the workers share (a shared
filesystem, or fsspec URLs such as ``s3://bucket/dumps``). The client plans
the inputs (it lists directories and globs) and writes ``_report.json``, so it
must see them too. At most ``window`` tasks are submitted at once.

Needs the extra: ``pip install 'newsclean[dask]'``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from newsclean.batch.plan import Task
from newsclean.errors import ConfigError


def iter_convert_dask(
    tasks: Iterable[Task],
    args: tuple,
    *,
    scheduler: Any = None,
    jobs: int = 1,
    window: int | None = None,
) -> Iterator[Any]:
    """Run ``run_task(task, *args)`` for every task on a cluster; yield results as they finish.

    ``scheduler`` is an address (``tcp://host:8786``), a ``distributed.Client``
    or a cluster object; None starts a local cluster of ``jobs`` worker processes.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ConfigError("the dask engine needs the extra: pip install 'newsclean[dask]'") from None
    from newsclean.convert import ConvertResult, _planned_result, run_task

    with ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(
                LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
            )
            client = stack.enter_context(Client(cluster, set_as_default=False))
        elif isinstance(scheduler, str):
            try:
                client = stack.enter_context(Client(scheduler, set_as_default=False, timeout="30s"))
            except OSError as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        elif isinstance(scheduler, Client):
            client = scheduler
        else:  # a cluster object
            client = stack.enter_context(Client(scheduler, set_as_default=False))
        limit = window or max(4, 2 * sum(client.nthreads().values()))
        pending = as_completed(loop=client.loop)
        sources: dict[str, str] = {}

        def collect(future: Any) -> Any:
            source = sources.pop(future.key)
            try:
                return future.result()
            except Exception as exc:  # the worker died or the task could not run
                return ConvertResult(source, error=f"{source}: dask task failed: {type(exc).__name__}: {exc}")
            finally:
                future.release()

        for task in tasks:
            planned = _planned_result(task)
            if planned is not None:
                yield planned
                continue
            future = client.submit(run_task, task, *args, pure=False)
            sources[future.key] = task.source
            pending.add(future)
            while pending.count() >= limit:
                yield collect(next(pending))
        for future in pending:
            yield collect(future)
