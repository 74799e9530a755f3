"""Batch conversion at archive scale: input planning, resume, the report and the engines.

The entry points are :func:`newsclean.convert.iter_convert` (a stream of
results) and :func:`newsclean.convert.run_batch` (the CLI's batch, with
``_report.json``); this package holds their parts.
"""
