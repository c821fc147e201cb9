from django.urls import path

from articles import feeds, views
from publishing.feeds import feed_paths
from publishing.freshness import public_page

app_name = "articles"

urlpatterns = [
    path("articles/", public_page(views.ArticleListView.as_view()), name="list"),
    path("articles/<slug:slug>/", public_page(views.ArticleDetailView.as_view()), name="detail"),
    path("people/", public_page(views.PersonListView.as_view()), name="person-list"),
    path("people/<slug:slug>/", public_page(views.PersonDetailView.as_view()), name="person"),
    *feed_paths("feeds/articles", feeds.ArticleFeed, name="feed"),
    *feed_paths("people/<slug:slug>/feed", feeds.PersonFeed, name="person-feed"),
]
