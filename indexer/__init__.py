"""Verbatim's indexing side: read, clean, segment, find quotations, attribute them, write the index.

Nothing in this package prints or imports Click; the command line lives in :mod:`search`.
"""

__version__ = "0.1.0"

#: Bumped whenever a change to the pipeline can change what is extracted from a document.
#: Documents indexed by another extraction version are re-extracted by ``verbatim index``.
EXTRACTION_VERSION = 15
