"""The site's public URLs, named once for the tests that walk them."""

# The pages that list what is published, with no query string.
LISTS = ["/", "/countries/", "/countries/iq/", "/advisories/", "/articles/"]

# The site-wide feeds of advisories and articles, and Iraq's.
FEEDS = [
    "/feeds/advisories.rss",
    "/feeds/advisories.atom",
    "/countries/iq/feed.rss",
    "/countries/iq/feed.atom",
    "/feeds/articles.rss",
    "/feeds/articles.atom",
]
