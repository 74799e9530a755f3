"""Structure cleaners: articles and roles, page furniture, fragment reassembly, metadata."""

from newsclean.structure import articles, furniture, metadata, reassembly, rejoin, tables  # noqa: F401
