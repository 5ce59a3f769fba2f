"""PressLens: load news articles into clean tables and compare how outlets cover one story.

Modules, one concern each: ``config`` (paths), ``readers`` (file formats), ``cleaning`` (page
furniture), ``profiles`` (known outlets), ``dates``, ``outlets`` (names and labels), ``corpus``
(ingest, tables, cache), ``quotemarks``, ``nlp`` (spaCy layer), ``schema`` (column dictionary),
``plots`` (figures), ``runner`` (notebooks and report), ``cli``.
"""

__version__ = "0.1.0"
