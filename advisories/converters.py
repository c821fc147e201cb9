"""The `<iso:…>` path converter of country pages and feeds, registered once on import."""

from django.urls import register_converter


class CountryCodeConverter:
    """Two letters, as in /countries/iq/: anything else is not a country page (404)."""

    regex = "[A-Za-z]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CountryCodeConverter, "iso")
