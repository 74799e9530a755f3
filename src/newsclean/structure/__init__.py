"""Structure cleaners: articles and roles, page furniture, fragment reassembly, metadata."""

from newsclean.structure import articles, furniture, metadata, oneline, reassembly, rejoin, tables  # noqa: F401
