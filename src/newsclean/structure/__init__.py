"""Structure cleaners: articles and roles, page furniture, fragment reassembly, metadata."""

from newsclean.structure import articles, furniture, metadata, oneline, reassembly, rejoin, run_in, tables  # noqa: F401
