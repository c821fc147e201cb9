"""Every route of the site and the view that serves it, in the table below (tests/test_urls.py
keeps it true). Each app names its own routes in its urls.py; the prefixes overlap
(/countries/iq/ is front's page, /countries/iq/feed.rss the advisories' feed), so all three
apps are mounted at the root.
"""

# route                           view
# /                               front.views.home
# /countries/                     front.views.country_list
# /countries/disagreements/       front.comparison.disagreements_page
# /countries/disagreements/feed.rss    front.comparison.DisagreementFeed
# /countries/disagreements/feed.atom   front.comparison.DisagreementFeed
# /countries/disagreements/feed.json   front.comparison.DisagreementFeed
# /countries/<iso>/               front.views.country_detail
# /places/<slug>/                 front.views.place_detail
# /search/                        front.views.search
# /healthz                        front.views.healthz
# /favicon.ico                    front.views.favicon
# /advisories/                    advisories.views.AdvisoryListView
# /advisories/<slug>/             advisories.views.AdvisoryDetailView
# /feeds/advisories.rss           advisories.feeds.AdvisoryFeed
# /feeds/advisories.atom          advisories.feeds.AdvisoryFeed
# /feeds/advisories.json          advisories.feeds.AdvisoryFeed
# /countries/<iso>/feed.rss       advisories.feeds.CountryFeed
# /countries/<iso>/feed.atom      advisories.feeds.CountryFeed
# /countries/<iso>/feed.json      advisories.feeds.CountryFeed
# /articles/                      articles.views.ArticleListView
# /articles/<slug>/               articles.views.ArticleDetailView
# /people/                        articles.views.PersonListView
# /people/<slug>/                 articles.views.PersonDetailView
# /feeds/articles.rss             articles.feeds.ArticleFeed
# /feeds/articles.atom            articles.feeds.ArticleFeed
# /feeds/articles.json            articles.feeds.ArticleFeed
# /people/<slug>/feed.rss         articles.feeds.PersonFeed
# /people/<slug>/feed.atom        articles.feeds.PersonFeed
# /people/<slug>/feed.json        articles.feeds.PersonFeed
# /sitemap.xml                    django.contrib.sitemaps.views.sitemap
# /robots.txt                     django.views.generic.base.TemplateView
# /api/v1/countries/              api.views.CountryList
# /api/v1/countries/<iso>/        api.views.CountryDetail
# /api/v1/advisories/             api.views.AdvisoryList
# /api/v1/advisories/<slug>/      api.views.AdvisoryDetail
# /api/v1/articles/               api.views.ArticleList
# /api/v1/articles/<slug>/        api.views.ArticleDetail
# /api/v1/people/                 api.views.PersonList
# /api/v1/people/<slug>/          api.views.PersonDetail
# /api/v1/places/                 api.views.PlaceList
# /api/v1/places/<slug>/          api.views.PlaceDetail
# /api/v1/schema/                 api.views.Schema
# /api/v1/docs/                   api.views.Docs
# /alerts/subscribe/              alerts.views.subscribe
# /alerts/confirm/<token>/        alerts.views.confirm
# /alerts/unsubscribe/<token>/    alerts.views.unsubscribe
# /admin/                         django.contrib.admin.sites.AdminSite.index

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from advisories import sitemaps as advisory_sitemaps
from articles import sitemaps as article_sitemaps

sitemaps = advisory_sitemaps.SITEMAPS | article_sitemaps.SITEMAPS

# A database outage answers 503, any other error 500.
handler500 = "front.views.server_error"

urlpatterns = [
    path("", include("front.urls")),
    path("", include("advisories.urls")),
    path("", include("articles.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("api/v1/", include("api.urls")),
    path("alerts/", include("alerts.urls")),
    path("admin/", admin.site.urls),
]
