"""Where the governments disagree: the page listing the countries whose issuers give different
levels, widest apart first, and its feeds. The figures come from advisories.issuers, in one
query however many countries there are."""

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape

from advisories.filters import region_choices
from advisories.issuers import ISSUERS, WIDE_DISAGREEMENT, disagreements
from publishing.feeds import FEED_LENGTH, InvalidFilter, ListFeed, feed_links
from publishing.filters import filter_errors


class RegionForm(forms.Form):
    region = forms.ChoiceField(label="Region", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once: to validate, to draw the select, and to name the region chosen.
        self.fields["region"].choices = [("", "Any region"), *region_choices()]

    def region_name(self):
        return dict(self.fields["region"].choices).get(self.cleaned_data.get("region"), "")


def disagreements_page(request):
    """/countries/disagreements/: countries where at least two issuers' current levels differ;
    a region that does not exist is a 400 saying so, as the other lists' filters are."""
    form = RegionForm(request.GET)
    if not form.is_valid():
        countries, status = [], 400
    else:
        countries, status = disagreements(form.cleaned_data["region"] or None), 200
    # A column per issuer that speaks about any of these countries.
    speaking = {issuer for found in countries for issuer, _ in found.levels}
    issuers = [issuer for issuer in ISSUERS.values() if issuer in speaking]
    for found in countries:
        found.cells = found.levels_in(issuers)
    return render(
        request,
        "front/disagreements.html",
        {
            "form": form,
            "countries": countries,
            "issuers": issuers,
            "wide": WIDE_DISAGREEMENT,
            "feeds": feed_links("front:disagreements-feed", query=request.GET),
        },
        status=status,
    )


class DisagreementFeed(ListFeed):
    """The disagreements page as a feed: an item per country, new whenever a level changes."""

    def source(self, request):
        form = RegionForm(request.GET)
        if not form.is_valid():
            raise InvalidFilter("\n".join(filter_errors(form)))
        region = form.region_name()
        page = reverse("front:disagreements")
        return self.source_of(
            request,
            disagreements(form.cleaned_data["region"] or None),
            title="Where governments disagree" + (f": {region}" if region else ""),
            link=page + (f"?{request.GET.urlencode()}" if region else ""),
            description="Countries whose issuers' current travel advisory levels differ"
            + (f", in {region}." if region else "."),
        )

    def items(self, source):
        items = source.queryset[:FEED_LENGTH]
        for item in items:
            # The levels are the news: a change to any of them makes a new item.
            levels = "-".join(f"{issuer.key}{level}" for issuer, level in item.levels)
            item.feed_id = (
                f"tag:{source.host},{item.latest:%Y-%m-%d}:disagreement/{item.iso_code}/{levels}"
            )
        return items

    def item_title(self, item):
        return f"{item.name}: levels {item.spread} apart ({item.in_words()})"

    def item_link(self, item):
        return item.url

    def item_description(self, item):
        return f"<p>{escape(item.in_words())}.</p>"

    def item_pubdate(self, item):
        return item.latest

    def item_updateddate(self, item):
        return item.latest

    def item_author_name(self, item):
        return "Advisory Atlas"

    def item_categories(self, item):
        return [f"Spread {item.spread}"]
