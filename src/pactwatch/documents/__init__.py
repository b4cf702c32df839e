"""Documents: turning files, pages and records into texts with their dates."""

from pactwatch.documents.encoding import check_encoding
from pactwatch.documents.pages import read_page, read_text
from pactwatch.documents.reader import (
    DEFAULT_MAX_BYTES,
    Deferred,
    ReadOptions,
    Rejected,
    read_file,
    read_inputs,
    read_inputs_deferred,
    read_record,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Deferred",
    "ReadOptions",
    "Rejected",
    "check_encoding",
    "read_file",
    "read_inputs",
    "read_inputs_deferred",
    "read_page",
    "read_record",
    "read_text",
]
