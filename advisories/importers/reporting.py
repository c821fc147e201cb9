"""Telling the operator how an import goes: a progress bar, the tally of outcomes, and the
summary line every import command ends with."""

import sys

from django.core.management.base import CommandError, OutputWrapper


class Progress:
    """A one-line progress bar on a terminal; silent when output goes to a file or a pipe."""

    def __init__(self, total, stream=sys.stderr, width=30):
        self.total, self.stream, self.width, self.done = total, stream, width, 0
        self.enabled = total > 0 and stream.isatty()

    def step(self):
        """Count one item done, and redraw the bar."""
        self.done += 1
        if self.enabled:
            filled = self.width * self.done // self.total
            bar = "#" * filled + "." * (self.width - filled)
            end = "\n" if self.done == self.total else ""
            self._write(f"\r[{bar}] {self.done}/{self.total}{end}")

    def _write(self, text):
        if isinstance(self.stream, OutputWrapper):
            # A command's stderr would colour the bar as an error and end each step with a newline.
            self.stream.write(text, style_func=str, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()


class Tally:
    """Counts of outcomes and the reasons for every skip, for the one-line summary."""

    OUTCOMES = ["created", "updated", "unchanged", "held"]

    def __init__(self):
        self.counts = dict.fromkeys(self.OUTCOMES, 0)
        self.skipped = []

    def add(self, outcome):
        """Count one item's outcome, one of OUTCOMES."""
        self.counts[outcome] += 1

    def skip(self, label, reason):
        """Note an item that was not imported, and why."""
        self.skipped.append(f"{label}: {reason}")

    def summary(self):
        """The count of each outcome and of skips on one line, then each skip's reason."""
        counts = ", ".join(f"{n} {outcome}" for outcome, n in self.counts.items())
        line = f"{counts}, {len(self.skipped)} skipped"
        if not any(self.counts[o] for o in ("created", "updated", "held")):
            line += " (nothing changed)"
        return line + "".join(f"\n  skipped {reason}" for reason in self.skipped)


def report(command, tally):
    """The one-line summary, and a failing exit when anything was skipped."""
    if tally.skipped:
        raise CommandError(tally.summary())
    command.stdout.write(tally.summary())
