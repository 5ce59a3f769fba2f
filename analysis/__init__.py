"""PressLens: load news articles into clean tables and compare how outlets cover one story.

Modules, one concern each (the README's table says what each does), in layers that import only
downwards: settings and definitions (``config``, ``schema``, ``outlets``, ``triggers``,
``quotemarks``); the read model (``corpus``, over the table store ``store`` and the stage registry
``stages``); ingest (``readers``, ``cleaning``, ``profiles``, ``dates``, ``cache``, ``writers``,
``ingest``, the per-article ``pipeline``, the spaCy layer ``nlp`` and ``attributes``); the analyses
(``overview``, ``frequency``, ``distinctive``, ``naming``, ``entities``, ``kwic``, ``sentiment``,
``quotes``, ``claims``); figures and reports (``plots``, ``wordcharts``, ``runner``) and the
command line (``cli``). Reading tables never loads the ingest layer (``tests/test_layers.py``).
"""

import os

__version__ = "0.1.0"

# PressLens runs in parallel over processes (--jobs); numpy's BLAS, which spaCy's matrix products
# use, gets one thread per process unless OPENBLAS_NUM_THREADS says otherwise. (Only takes effect
# when numpy is imported after this package, as in ``python -m analysis``.)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
