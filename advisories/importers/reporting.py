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


# Exit codes a scheduler can trust (the README and each command's --help list them).
DONE = 0  # every item written, unchanged, held, or skipped for good (a warning)
ITEMS_FAILED = 1  # some items need a person; the rest went in
NOTHING_IMPORTED = 2  # unreadable source, wrong arguments, or another run held the lock too long
EXIT_CODES = (
    f"Exit codes: {DONE} done (items that can never be imported are listed as warnings); "
    f"{ITEMS_FAILED} some items failed and need a person, the rest went in; "
    f"{NOTHING_IMPORTED} nothing imported (the source could not be read, the arguments were "
    "wrong, or another run of the same source held the lock longer than --lock-wait)."
)


class Tally:
    """Counts of outcomes and the reasons for every skip, for the one-line summary."""

    OUTCOMES = ["created", "updated", "unchanged", "held"]

    def __init__(self):
        self.counts = dict.fromkeys(self.OUTCOMES, 0)
        self.skipped = []  # "label: reason" of items that need a person
        self.warnings = []  # "label: reason" of items that can never be imported

    def add(self, outcome):
        """Count one item's outcome, one of OUTCOMES."""
        self.counts[outcome] += 1

    def skip(self, label, reason, permanent=False):
        """Note an item that was not imported, and why; `permanent` when it never can be."""
        (self.warnings if permanent else self.skipped).append(f"{label}: {reason}")

    def summary(self):
        """The count of each outcome and of skips on one line, then each skip's reason."""
        counts = ", ".join(f"{n} {outcome}" for outcome, n in self.counts.items())
        line = f"{counts}, {len(self.skipped) + len(self.warnings)} skipped"
        notes = [f"{len(self.warnings)} for good"] if self.warnings else []
        if not any(self.counts[o] for o in ("created", "updated", "held")):
            notes.append("nothing changed")
        if notes:
            line += f" ({'; '.join(notes)})"
        failures = "".join(f"\n  skipped {reason}" for reason in self.skipped)
        warnings = "".join(f"\n  warning: skipped for good {reason}" for reason in self.warnings)
        return line + failures + warnings


def report(command, tally):
    """The one-line summary; a failing exit (ITEMS_FAILED) when an item needs a person."""
    if tally.skipped:
        raise CommandError(tally.summary(), returncode=ITEMS_FAILED)
    command.stdout.write(tally.summary())
