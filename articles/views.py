from django.shortcuts import get_object_or_404, render

from articles.models import Article, Person


def article_list(request):
    articles = Article.objects.public()[:50]
    return render(request, "articles/article_list.html", {"articles": articles})


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.public(), slug=slug)
    return render(request, "articles/article_detail.html", {"article": article})


def person_list(request):
    return render(request, "articles/person_list.html", {"people": Person.objects.all()[:100]})


def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    return render(request, "articles/person_detail.html", {"person": person})
