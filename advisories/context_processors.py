from advisories.models import Advisory


def levels(request):
    """The four levels, for the legends and the footer that every page may show."""
    return {"levels": Advisory.Level.choices}
