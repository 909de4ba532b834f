"""``python -m scraper``: the same as the ``scrape`` command."""

from scraper.cli import main

if __name__ == "__main__":
    main()
