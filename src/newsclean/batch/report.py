"""``OUT/_report.json``: what a batch did to every input, and the totals.

Per-file entries are spooled to a temporary file as results come in, and the
report is assembled from the spool at the end, so a batch of millions of
inputs keeps only counters in memory. Layout (schema ``newsclean-report/1``)::

    {"schema": ..., "newsclean": "0.1.0", "started": ..., "finished": ...,
     "interrupted": false,
     "settings": {"fingerprint": ..., "formats": [...], "cleaners": [...], "engine": "local", "jobs": 2, ...},
     "totals": {"files": 5, "ok": 4, "failed": 1, "skipped": 0, "changes": 812, "flags": 9,
                "input_bytes": ..., "seconds": ..., "files_per_second": ..., "mb_per_second": ...},
     "files": [{"source": ..., "status": "ok" | "failed" | "skipped", "error": null, "note": null,
                "outputs": [...], "bytes": ..., "seconds": {"read": ..., "clean": ..., "render": ...,
                "write": ..., "total": ...}, "changes": 120, "flags": 2, "flag_kinds": {"lost_text": 2}}, ...]}

Entries are in the order the inputs finished.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from typing import Any, BinaryIO

from newsclean.batch import storage
from newsclean.errors import OutputError

REPORT_FILE = "_report.json"
SCHEMA = "newsclean-report/1"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def entry(result: Any) -> dict[str, Any]:
    """The report entry of one :class:`~newsclean.convert.ConvertResult`."""
    kinds = Counter(flag.get("kind", "?") for flag in result.flags)
    return {
        "source": result.source,
        "status": result.status,
        "error": result.error,
        "note": result.note,
        "outputs": list(result.outputs),
        "bytes": result.size,
        "seconds": {**{k: round(v, 6) for k, v in result.timings.items()}, "total": round(result.seconds, 6)},
        "changes": result.changes,
        "flags": len(result.flags),
        "flag_kinds": dict(sorted(kinds.items())),
    }


class BatchReport:
    """Collect results and write ``OUT/_report.json`` when closed."""

    def __init__(self, out_dir: str, settings: dict[str, Any]) -> None:
        self.out_dir = str(out_dir)
        self.location = storage.join(self.out_dir, REPORT_FILE)
        self.settings = settings
        self.started = _now()
        self._clock = time.perf_counter()
        self._spool: BinaryIO = tempfile.TemporaryFile(prefix="newsclean-report-")
        self._first = True
        self.counts: Counter[str] = Counter()
        self.final_totals: dict[str, Any] = {}

    def add(self, result: Any) -> None:
        """Record one result (only its small summary is kept, on disk)."""
        self._spool.write(b"" if self._first else b",\n")
        self._first = False
        self._spool.write(b"    " + json.dumps(entry(result), ensure_ascii=False).encode("utf-8"))
        self.counts["files"] += 1
        self.counts[result.status] += 1
        self.counts["changes"] += result.changes
        self.counts["flags"] += len(result.flags)
        self.counts["input_bytes"] += result.size if result.status != "skipped" else 0

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self._clock

    def totals(self) -> dict[str, Any]:
        """Counts so far, with rates over the wall-clock time of the batch."""
        seconds = self.elapsed
        done = self.counts["ok"] + self.counts["failed"]
        return {
            "files": self.counts["files"],
            "ok": self.counts["ok"],
            "failed": self.counts["failed"],
            "skipped": self.counts["skipped"],
            "changes": self.counts["changes"],
            "flags": self.counts["flags"],
            "input_bytes": self.counts["input_bytes"],
            "seconds": round(seconds, 3),
            "files_per_second": round(done / seconds, 2) if seconds > 0 else None,
            "mb_per_second": round(self.counts["input_bytes"] / 1e6 / seconds, 3) if seconds > 0 else None,
        }

    def discard(self) -> None:
        """Drop the spooled entries without writing a report (the batch itself failed)."""
        self._spool.close()

    def close(self, *, interrupted: bool = False) -> str:
        """Write the report (atomically) and return where it is."""
        head = {
            "schema": SCHEMA,
            "newsclean": self.settings.get("newsclean"),
            "started": self.started,
            "finished": _now(),
            "interrupted": interrupted,
            "settings": self.settings,
            "totals": self.totals(),
        }
        prefix = json.dumps(head, indent=2, ensure_ascii=False)[:-2].encode("utf-8") + b',\n  "files": [\n'
        suffix = b"\n  ]\n}\n"
        self.final_totals = head["totals"]
        self._spool.seek(0)
        try:
            if storage.is_url(self.location):
                fs, path = storage.filesystem(self.location)
                fs.makedirs(fs._parent(path), exist_ok=True)
                with fs.open(path, "wb") as handle:
                    self._copy(prefix, suffix, handle)
            else:
                self._write_local(prefix, suffix)
        except OSError as exc:
            raise OutputError(f"{self.location}: cannot write: {exc}") from None
        finally:
            self._spool.close()
        return self.location

    def _copy(self, prefix: bytes, suffix: bytes, handle: BinaryIO) -> None:
        handle.write(prefix)
        shutil.copyfileobj(self._spool, handle, 1 << 20)
        handle.write(suffix)

    def _write_local(self, prefix: bytes, suffix: bytes) -> None:
        target = storage.local(self.location)
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{REPORT_FILE}.", suffix=".part", dir=os.path.dirname(target) or ".")
        try:
            with os.fdopen(fd, "wb") as handle:
                self._copy(prefix, suffix, handle)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
