"""Keep bs4's optional helpers out of processes that are ours alone.

bs4 imports two optional packages eagerly, and the extractor needs neither:

* ``soupsieve``, its CSS-selector engine (nothing here calls ``select``): ~30 ms;
* a charset detector for bytes input, ``cchardet`` or ``chardet`` when installed, else
  ``charset_normalizer`` (the extractor always hands bs4 text that is already decoded):
  chardet alone takes ~110 ms to import, and it is common (readability-lxml, older requests).

:func:`skip_unused_bs4_helpers` marks soupsieve, cchardet and chardet as absent, so bs4 falls
back to what is cheap (no selectors; charset_normalizer, which :mod:`scraper.charset` uses
anyway). It is only called where the whole process is ours, the batch workers and the ``scrape``
command, never on ``import scraper``: a program using the library keeps its own modules.
"""

from __future__ import annotations

import sys
import warnings

UNUSED = ("soupsieve", "cchardet", "chardet")


def skip_unused_bs4_helpers() -> None:
    """Before bs4 is first imported: make its unused optional imports fail fast and quietly."""
    if "bs4" in sys.modules:
        return  # too late to matter, and someone in this process may use them
    for name in UNUSED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    # bs4 warns once that CSS selectors are unavailable: expected here, so not shown.
    warnings.filterwarnings("ignore", message=".*soupsieve", category=UserWarning)


__all__ = ["skip_unused_bs4_helpers"]
