from django.urls import path

from articles import feeds, views

app_name = "articles"

urlpatterns = [
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person"),
    path("feeds/articles.rss", feeds.ArticleFeed(), name="feed-rss"),
    path("feeds/articles.atom", feeds.ArticleAtomFeed(), name="feed-atom"),
    path("people/<slug:slug>/feed.rss", feeds.PersonFeed(), name="person-feed-rss"),
    path("people/<slug:slug>/feed.atom", feeds.PersonAtomFeed(), name="person-feed-atom"),
]
