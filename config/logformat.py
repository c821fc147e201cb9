"""Log formatting: one line per event, so a log collector never splits a traceback."""

import logging


class OneLineFormatter(logging.Formatter):
    """A standard formatter whose output, traceback included, fits on one line."""

    def format(self, record):
        return super().format(record).replace("\n", "\\n")
