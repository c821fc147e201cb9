"""Pages of a list whose size is never counted in full: a list of a million rows costs its page,
not its table."""

from functools import cached_property

from django.core.paginator import EmptyPage, Page, Paginator
from django.utils.formats import number_format


class CappedPaginator(Paginator):
    """Counts at most CAP rows ("10,000+" beyond), and serves any page that has rows, however
    deep: a page is read with one row more, which says whether another follows."""

    CAP = 10_000

    @cached_property
    def count(self):
        # The keys alone: the rows' annotations (computed per row) need not be computed to count.
        return self.object_list.values("pk")[: self.CAP + 1].count()

    @property
    def capped(self):
        """Whether there are more rows than were counted."""
        return self.count > self.CAP

    @property
    def count_label(self):
        """The count as a reader should see it: "1,234", or "10,000+"."""
        shown = number_format(min(self.count, self.CAP), force_grouping=True)
        return f"{shown}+" if self.capped else shown

    def validate_number(self, number):
        if not self.capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            return super().validate_number(number)  # its plain-word error
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number

    def page(self, number):
        number = self.validate_number(number)
        if not self.capped:
            return super().page(number)
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        if not rows:
            raise EmptyPage("That page contains no results")
        return CappedPage(rows[: self.per_page], number, self, len(rows) > self.per_page)


class CappedPage(Page):
    def __init__(self, object_list, number, paginator, followed):
        super().__init__(object_list, number, paginator)
        self.followed = followed

    def has_next(self):
        return self.followed
