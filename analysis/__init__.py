"""PressLens: load news articles into clean tables and compare how outlets cover one story.

Modules, one concern each: ``config`` (paths), ``readers`` (file formats), ``cleaning`` (page
furniture), ``profiles`` (known outlets), ``dates``, ``outlets`` (names and labels), ``corpus``
(ingest, tables, cache), ``quotemarks``, ``nlp`` (spaCy layer), ``schema`` (column dictionary),
``plots`` (figures), ``runner`` (notebooks and report), ``cli``.
"""

import os

__version__ = "0.1.0"

# PressLens runs in parallel over processes (--jobs); numpy's BLAS, which spaCy's matrix products
# use, gets one thread per process unless OPENBLAS_NUM_THREADS says otherwise. (Only takes effect
# when numpy is imported after this package, as in ``python -m analysis``.)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
