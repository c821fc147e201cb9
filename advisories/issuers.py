"""The issuers of travel advisories as data: who they are, their own level scales, and what each
currently says about a country.

Every government grades danger in its own words; the site maps each onto its common 1–4 (the
importers' tables, reused here so that a scale is written once) and keeps the native words in
`source_data`. An issuer is an `Advisory.Source`: an imported row says who issued it; the site's
own desk (staff) may type any issuer's name, but speaks for the site.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse

from advisories.importers import canada, govuk, smartraveller, state_dept
from advisories.importers.reading import plain_text
from advisories.models import Advisory, RegionalLevel

Source = Advisory.Source

# Levels this far apart mean the governments disagree enough to flag it.
WIDE_DISAGREEMENT = 2


@dataclass(frozen=True)
class Issuer:
    key: str  # an Advisory.Source value
    name: str
    short_name: str
    scale: tuple  # (the issuer's words, the common level), in the issuer's own order
    home_url: str

    def words_for(self, level):
        """The issuer's first phrase for a common level ("" if its scale has none)."""
        return next((words for words, mapped in self.scale if mapped == level), "")


def _site_scale():
    """The site's own labels without "Level N: ": the State Department's words, which the
    common scale was taken from."""
    return tuple((label.split(": ", 1)[1], level) for level, label in Advisory.Level.choices)


def _govuk_words(status):
    """GOV.UK's alert status code in words: "Avoid all travel to whole country"."""
    return status.replace("_", " ").capitalize()


GOVUK_NO_ALERT = "No advice against travel"

ISSUERS = {
    issuer.key: issuer
    for issuer in (
        Issuer(Source.STAFF, "Advisory Atlas", "Advisory Atlas", _site_scale(), "/"),
        Issuer(
            Source.STATE_DEPT,
            state_dept.ISSUER,
            "U.S.",
            _site_scale(),
            "https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories.html",
        ),
        Issuer(
            Source.GOVUK,
            govuk.ISSUER,
            "UK",
            (
                (GOVUK_NO_ALERT, govuk.NO_ALERT_LEVEL),
                *sorted(
                    ((_govuk_words(status), level) for status, level in govuk.ALERT_LEVELS.items()),
                    key=lambda pair: pair[1],
                ),
            ),
            f"{govuk.SITE}/foreign-travel-advice",
        ),
        Issuer(
            Source.CANADA,
            canada.ISSUER,
            "Canada",
            tuple(canada.ADVISORY_STATES.values()),
            "https://travel.gc.ca/travelling/advisories",
        ),
        Issuer(
            Source.SMARTRAVELLER,
            smartraveller.ISSUER,
            "Australia",
            tuple(smartraveller.LEVELS.items()),
            f"{smartraveller.SITE}/destinations",
        ),
    )
}


def issuer_of(advisory):
    return ISSUERS[advisory.source]


def current_by_source():
    """Each country's current travel advisory from each source: the latest public one of that
    source for that country (see AdvisoryQuerySet.latest_travel); filter it by country or
    region as needed."""
    return Advisory.objects.filter(pk__in=Advisory.objects.latest_travel(by="source").values("pk"))


def in_registry_order(rows, source=lambda row: row.source):
    """Rows sorted as the registry lists their issuers (the site's desk first)."""
    order = list(ISSUERS)
    return sorted(rows, key=lambda row: order.index(source(row)))


def native_words(advisory):
    """The advisory's level in its issuer's own words: as the source gave them (kept in
    source_data by its importer), or else the issuer's phrase for the level."""
    data = advisory.source_data or {}
    words = ""
    if advisory.source == Source.CANADA:
        # 2014's severe words were upper case; the importer sentence-cases its titles too.
        words = canada._sentence_case(plain_text(data.get("advisory_text")))
    elif advisory.source == Source.SMARTRAVELLER:
        words = plain_text(data.get("overall_advice_level"))
    elif advisory.source == Source.GOVUK and "alert_status" in data:
        statuses = sorted(data["alert_status"], key=lambda s: -govuk.ALERT_LEVELS.get(s, 0))
        words = "; ".join(map(_govuk_words, statuses)) or GOVUK_NO_ALERT
    return words or issuer_of(advisory).words_for(advisory.level)


def regional_advice(advisory):
    """Whether the issuer gives parts of the country other advice: True, False, or None where
    its data does not say."""
    data = advisory.source_data or {}
    if advisory.source == Source.CANADA:
        return data.get("has_regional_advisory")
    if advisory.source == Source.GOVUK and "alert_status" in data:
        if any(status.endswith("_to_parts") for status in data["alert_status"]):
            return True
        return False if not data["alert_status"] else None
    if advisory.source == Source.SMARTRAVELLER and data.get("advice_levels"):
        # One block of advice per level it names, the national one first.
        return len(smartraveller.NEXT_BLOCK.split(plain_text(data["advice_levels"]))) > 1
    return None


@dataclass
class Reading:
    """What one issuer currently says about a country."""

    issuer: Issuer
    advisory: Advisory
    words: str
    regional: bool | None
    extreme: str = ""  # "Highest" or "Lowest" of a wide disagreement

    @property
    def name(self):
        """Who says it: the government, or for the site's desk the issuer its staff named (the
        State Department's advice typed in here reads as the State Department's, entered here)."""
        if self.advisory.source == Source.STAFF and self.advisory.issuer:
            return f"{self.advisory.issuer} (entered by {self.issuer.name})"
        return self.issuer.name

    @property
    def regional_levels(self):
        """(regional level, its level in the issuer's words) for each part of the country the
        advisory gives a level of its own, highest first."""
        rows = sorted(self.advisory.regional_levels.all(), key=lambda r: (-r.level, r.place.name))
        return [(row, self.issuer.words_for(row.level)) for row in rows]

    @property
    def link(self):
        """The issuer's own page for the country, or the site's for its desk."""
        if self.advisory.source == Source.STAFF or not self.advisory.source_url:
            return self.advisory.get_absolute_url()
        return self.advisory.source_url


@dataclass
class Comparison:
    """A country's current advisories, one per issuer, and how far apart they are."""

    readings: list

    @property
    def spread(self):
        levels = [reading.advisory.level for reading in self.readings]
        return max(levels) - min(levels) if levels else 0

    @property
    def wide(self):
        return self.spread >= WIDE_DISAGREEMENT

    @property
    def headline(self):
        """The reading that sets the country's headline level, by the rule of `current_for`
        (settings.HEADLINE_ISSUERS, then the newest): the country page needs no query of its
        own for it."""
        preference = settings.HEADLINE_ISSUERS

        def rank(reading):
            source = reading.advisory.source
            order = preference.index(source) if source in preference else len(preference)
            return (order, -reading.advisory.issued_at.timestamp(), -reading.advisory.pk)

        return min(self.readings, key=rank, default=None)


def comparison_for(country):
    """Each issuer's current travel advisory for `country`, in registry order, with their
    regional levels: two queries, however many."""
    current = current_by_source().filter(country=country).select_related("country")
    regional = RegionalLevel.objects.select_related("place")
    advisories = in_registry_order(current.prefetch_related(Prefetch("regional_levels", regional)))
    comparison = Comparison(
        [
            # Regional levels entered for an advisory are regional advice whatever its data says.
            Reading(
                issuer_of(a),
                a,
                native_words(a),
                bool(a.regional_levels.all()) or regional_advice(a),
            )
            for a in advisories
        ]
    )
    if comparison.wide:
        levels = [reading.advisory.level for reading in comparison.readings]
        extremes = {max(levels): "Highest", min(levels): "Lowest"}
        for reading in comparison.readings:
            reading.extreme = extremes.get(reading.advisory.level, "")
    return comparison


@dataclass
class Disagreement:
    """A country whose issuers' current levels differ: (issuer, level) pairs, registry order."""

    name: str
    iso_code: str
    levels: list
    latest: datetime

    @property
    def spread(self):
        return max(level for _, level in self.levels) - min(level for _, level in self.levels)

    @property
    def url(self):
        return reverse("front:country", args=[self.iso_code.lower()])

    def levels_in(self, issuers):
        """(level, "Level 3", issuer) for each of `issuers`, (None, "", issuer) where one has
        none: a row."""
        levels = dict(self.levels)
        found = [(levels.get(issuer), issuer) for issuer in issuers]
        return [(level, f"Level {level}" if level else "", issuer) for level, issuer in found]

    def in_words(self):
        """ "U.S. 3, UK 1, Canada 3": how a feed or a list names the levels."""
        return ", ".join(f"{issuer.short_name} {level}" for issuer, level in self.levels)


def disagreements(region_slug=None):
    """Countries where at least two issuers differ, widest first, then by name: one query
    however many countries (each country's rows are few, so they are grouped here)."""
    rows = current_by_source().values(
        "country__name", "country__iso_code", "source", "level", "issued_at"
    )
    if region_slug:
        rows = rows.filter(country__parent__slug=region_slug)
    by_country = {}
    for row in in_registry_order(rows, source=lambda row: row["source"]):
        by_country.setdefault((row["country__name"], row["country__iso_code"]), []).append(row)
    found = [
        Disagreement(
            name,
            iso,
            [(ISSUERS[row["source"]], row["level"]) for row in rows],
            max(row["issued_at"] for row in rows),
        )
        for (name, iso), rows in by_country.items()
        if len(rows) >= 2
    ]
    found = [disagreement for disagreement in found if disagreement.spread >= 1]
    return sorted(found, key=lambda d: (-d.spread, d.name))
