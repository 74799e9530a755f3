"""Readers: raw bytes to text, and text to the line-level document cleaners start from."""

from newsclean.readers.decode import Decoded, decode_bytes
from newsclean.readers.dump import read_dump, read_path
from newsclean.readers.lines import segment_lines

__all__ = ["Decoded", "decode_bytes", "read_dump", "read_path", "segment_lines"]
