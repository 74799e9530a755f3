"""newsclean: clean raw text dumps of Chinese newsprint into structured documents.

>>> import newsclean
>>> doc = newsclean.clean("# 标题\\n\\n正文。")
>>> doc.articles[0].title
'标题'
"""

from newsclean.convert import convert, iter_convert
from newsclean.errors import ConfigError, InputError, NewscleanError, OutputError, SchemaError
from newsclean.model import Article, Block, Change, Document, Flag, Furniture, Span
from newsclean.pipeline import PipelineConfig, clean

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Block",
    "Change",
    "ConfigError",
    "Document",
    "Flag",
    "Furniture",
    "InputError",
    "NewscleanError",
    "OutputError",
    "PipelineConfig",
    "SchemaError",
    "Span",
    "__version__",
    "clean",
    "convert",
    "iter_convert",
]
