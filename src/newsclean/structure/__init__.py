"""Structure cleaners: articles and roles, page furniture, fragment reassembly."""

from newsclean.structure import articles, furniture, rejoin  # noqa: F401
