"""Load the demo data: idempotent, so running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from advisories.models import Advisory, Location, RiskIndicator
from articles import demo_data
from articles.models import Article, Person


class Command(BaseCommand):
    help = "Load the founding case (Iraq, 3 January 2020) and demo advisories, articles, people."

    @transaction.atomic
    def handle(self, *args, **options):
        self.created = self.changed = 0
        self.countries = {c.iso_code: c for c in Location.objects.countries()}
        self.indicators = {i.code: i for i in RiskIndicator.objects.all()}
        self.load_coordinates()
        places = self.load_places()
        advisories = self.load_travel_advisories() | self.load_alerts(places)
        people = self.load_people()
        self.load_articles(places, people, advisories)
        self.stdout.write(f"Demo data: {self.created} created, {self.changed} updated.")

    def upsert(self, model, slug, **fields):
        """Create the row, or update only the fields that differ; return it."""
        # Text as the row stores it (see publishing.models.CleanText), so that it compares.
        fields = {name: v.strip() if isinstance(v, str) else v for name, v in fields.items()}
        obj = model.objects.filter(slug=slug).first()
        if obj is None:
            self.created += 1
            return model.objects.create(slug=slug, **fields)
        changed = [name for name, value in fields.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, fields[name])
            obj.save()
            self.changed += 1
        return obj

    def set_relation(self, manager, objects):
        if set(manager.all()) != set(objects):
            manager.set(objects)
            self.changed += 1

    def load_coordinates(self):
        for iso, (latitude, longitude) in demo_data.COUNTRY_COORDINATES.items():
            country = self.countries[iso]
            if (country.latitude, country.longitude) != (latitude, longitude):
                country.latitude, country.longitude = latitude, longitude
                country.save(update_fields=["latitude", "longitude"])
                self.changed += 1

    def load_places(self):
        places = {c.slug: c for c in self.countries.values()}
        for slug, name, kind, parent, latitude, longitude in demo_data.PLACES:
            places[slug] = self.upsert(
                Location,
                slug,
                name=name,
                kind=kind,
                parent=places[parent],
                latitude=latitude,
                longitude=longitude,
            )
        return places

    def load_travel_advisories(self):
        advisories = {}
        for iso, level, codes, issued, reason in demo_data.TRAVEL_ADVISORIES:
            country = self.countries[iso]
            advice = demo_data.LEVEL_ADVICE[level].format(country=country.name)
            summary = f"{advice[:-1]} due to {reason}." if reason else advice
            advisory = self.upsert(
                Advisory,
                f"{country.slug}-travel-advisory-{issued}",
                title=f"{country.name} Travel Advisory",
                country=country,
                kind=Advisory.Kind.TRAVEL_ADVISORY,
                level=level,
                issuer=demo_data.STATE,
                summary=summary,
                body=f"**{advice}**\n\n{summary}\n\nRead the full advisory before you travel.",
                source_url=demo_data.ADVISORY_URL.format(country.slug),
                status=Advisory.Status.PUBLISHED,
                issued_at=demo_data.at(issued),
            )
            self.set_relation(advisory.indicators, [self.indicators[c] for c in codes])
            advisories[advisory.slug] = advisory
        return advisories

    def load_alerts(self, places):
        advisories = {}
        for alert in demo_data.ALERTS:
            fields = dict(alert)
            slug, iso = fields.pop("slug"), fields.pop("iso")
            codes, place_slugs = fields.pop("indicators"), fields.pop("places")
            fields.setdefault("status", Advisory.Status.PUBLISHED)
            advisory = self.upsert(Advisory, slug, country=self.countries[iso], **fields)
            self.set_relation(advisory.indicators, [self.indicators[c] for c in codes])
            self.set_relation(advisory.places, [places[s] for s in place_slugs])
            advisories[slug] = advisory
        return advisories

    def load_people(self):
        people = {}
        for person in demo_data.PEOPLE:
            fields = dict(person)
            iso = fields.pop("country")
            slug = fields.pop("slug")
            fields["country"] = self.countries[iso] if iso else None
            fields.setdefault("status", Person.Status.PUBLISHED)
            people[slug] = self.upsert(Person, slug, **fields)
        return people

    def load_articles(self, places, people, advisories):
        for article in demo_data.ARTICLES:
            fields = dict(article)
            slug = fields.pop("slug")
            person_slugs, place_slugs = fields.pop("people"), fields.pop("places")
            advisory_slugs = fields.pop("advisories")
            fields.setdefault("status", Article.Status.PUBLISHED)
            obj = self.upsert(Article, slug, **fields)
            self.set_relation(obj.people, [people[s] for s in person_slugs])
            self.set_relation(obj.places, [places[s] for s in place_slugs])
            self.set_relation(obj.advisories, [advisories[s] for s in advisory_slugs])
