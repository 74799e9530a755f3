"""Imported by the fork server of the process pool: workers start with everything loaded.

Importing this module loads newsclean's cleaners and writers and the
lexicon, so each forked worker shares them instead of loading its own.
"""

from newsclean import convert  # noqa: F401
from newsclean.lexicon import char_frequency_rank, word_frequencies
from newsclean.registry import all_cleaners
from newsclean.writers import available_formats

all_cleaners()
available_formats()
word_frequencies()
char_frequency_rank("的")
