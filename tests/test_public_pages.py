"""What a visitor sees on each public page, on the demo data and on data made here."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisories.models import Advisory
from tests.factories import make_advisory

pytestmark = pytest.mark.django_db

FOUNDING_ALERT = "iraq-security-alert-2020-01-03-depart-immediately"


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


# Home


def test_home_map_links_iraq_at_level_4_to_its_page(demo, client):
    html = html_of(client, "/")
    assert '<a href="/countries/iq/"><path d="' in html
    assert 'class="map-country level-4"><title>Iraq — Level 4: Do Not Travel</title>' in html


def test_home_lists_level_3_and_4_countries_beside_the_map(demo, client):
    html = html_of(client, "/")
    dangerous = html.split('id="dangerous-heading"')[1].split("</nav>")[0]
    assert '<a href="/countries/iq/">Iraq</a>' in dangerous
    assert "Level 4: Do Not Travel" in dangerous
    assert "/countries/fr/" not in dangerous  # France is at Level 2 in the demo


def test_home_shows_latest_alerts_articles_search_and_feeds(demo, client):
    html = html_of(client, "/")
    # The demo's alerts date from 2020: none is active, the founding one the latest past.
    past = html.split("The latest, now past", 1)[1].split("</section>", 1)[0]
    assert f'href="/advisories/{FOUNDING_ALERT}/"' in past
    assert "State Department tells Americans in Iraq to leave immediately" in html
    assert 'action="/search/"' in html
    assert 'type="application/rss+xml"' in html and 'href="/feeds/advisories.rss"' in html


def test_home_map_has_no_script_or_inline_style(demo, client):
    html = html_of(client, "/")
    assert "<script" not in html and "style=" not in html


# Countries


def test_country_list_groups_countries_by_region_with_their_level(demo, client):
    html = html_of(client, "/countries/")
    middle_east = html.split('id="region-middle-east"')[1].split("</section>")[0]
    assert '<a href="/countries/iq/">Iraq</a>' in middle_east
    assert "Level 4: Do Not Travel" in middle_east
    assert html.count('class="region"') >= 6


def test_country_list_filters_by_level(demo, client):
    html = html_of(client, "/countries/?level=1")
    assert "/countries/jp/" in html
    assert "/countries/iq/" not in html


def test_country_page_answers_how_dangerous_since_when_and_why(demo, client):
    html = html_of(client, "/countries/iq/")
    assert '<section class="level-banner level-4"' in html
    assert "Level 4: Do Not Travel" in html
    assert 'At this level since <time datetime="2018-01-10' in html  # Level 4 ever since
    for indicator in ["Terrorism", "Kidnapping or hostage-taking", "Civil unrest"]:
        assert indicator in html
    assert f"/advisories/{FOUNDING_ALERT}/" in html  # the active alert


def test_country_page_shows_history_places_articles_people_and_feeds(demo, client):
    html = html_of(client, "/countries/iq/")
    timeline = html.split('class="timeline"')[1].split("</ol>")[0]
    assert timeline.count("<li>") == 2 and "(current)" in timeline
    assert timeline.index("15 May 2019") < timeline.index("10 Jan 2018")  # newest first
    assert "/places/baghdad/" in html
    assert "State Department tells Americans in Iraq to leave immediately" in html
    assert "/people/qassem-soleimani/" in html
    assert 'href="/countries/iq/feed.rss"' in html and 'href="/countries/iq/feed.atom"' in html


def test_country_without_advisory_says_so(client):
    html = html_of(client, "/countries/cl/")
    assert "No current travel advisory" in html


def test_unknown_country_code_is_404(client):
    html_of(client, "/countries/zz/", status=404)


def test_country_code_in_upper_case_also_works(client):
    html_of(client, "/countries/IQ/")


def test_expired_advisory_does_not_set_the_level_or_show(client):
    now = timezone.now()
    make_advisory(iso="CL", level=2, title="Old Chile advisory", issued_at=now - timedelta(days=90))
    make_advisory(
        iso="CL",
        level=4,
        title="Expired Chile advisory",
        issued_at=now - timedelta(days=30),
        expires_at=now - timedelta(days=1),
    )
    html = html_of(client, "/countries/cl/")
    assert "Level 2: Exercise Increased Caution" in html
    assert "Expired Chile advisory" not in html


# Advisories


def test_advisory_list_filters_by_level_country_and_indicator(demo, client):
    html = html_of(client, "/advisories/?level=4&country=iq&indicator=K&superseded=on")
    assert FOUNDING_ALERT in html
    assert "/countries/sy/" not in html


def test_advisory_list_keeps_filter_values_in_the_form(demo, client):
    html = html_of(client, "/advisories/?level=4&country=iq&q=depart")
    assert 'value="4" id="id_level_3" checked' in html
    assert 'value="depart"' in html
    assert '<option value="IQ" selected>Iraq</option>' in html


def test_advisory_list_feed_link_carries_the_filters_but_not_the_page(demo, client):
    html = html_of(client, "/advisories/?level=4&region=middle-east&page=1")
    assert 'href="/feeds/advisories.rss?level=4&amp;region=middle-east"' in html


def test_advisory_list_paginates_and_pages_keep_the_filters(client):
    for _ in range(30):
        make_advisory(level=3)
    html = html_of(client, "/advisories/?level=3")
    assert "Page 1 of 2" in html
    assert 'href="?level=3&amp;page=2"' in html


def test_advisory_page_shows_everything_about_it(demo, client):
    html = html_of(client, f"/advisories/{FOUNDING_ALERT}/")
    assert "Iraq — Level 4: Do Not Travel" in html
    assert "U.S. Embassy Baghdad" in html
    assert "/places/us-embassy-baghdad/" in html
    assert "State Department tells Americans in Iraq to leave immediately" in html
    assert "Other advisories for Iraq" in html


def test_advisory_page_links_the_source_and_says_where_it_was_imported_from(client):
    advisory = make_advisory(
        source=Advisory.Source.STATE_DEPT, source_url="https://travel.state.gov/iraq.html"
    )
    html = html_of(client, advisory.get_absolute_url())
    assert 'href="https://travel.state.gov/iraq.html"' in html
    assert "imported from U.S. State Department feed" in html


def test_advisory_body_is_rendered_clean(client):
    advisory = make_advisory(body="**Leave now.** <script>alert(1)</script>")
    html = html_of(client, advisory.get_absolute_url())
    assert "<strong>Leave now.</strong>" in html
    assert "<script>alert" not in html


# Places, articles, people


def test_place_page_shows_what_names_it(demo, client):
    html = html_of(client, "/places/baghdad/")
    assert "<h1>Baghdad</h1>" in html
    assert FOUNDING_ALERT in html
    assert "State Department tells Americans in Iraq to leave immediately" in html
    assert "/places/us-embassy-baghdad/" in html  # a place inside it
    assert 'href="/countries/iq/"' in html


def test_country_slug_is_not_a_place_page(client):
    html_of(client, "/places/iraq/", status=404)


def test_article_list_filters_by_person_and_place(demo, client):
    html = html_of(client, "/articles/?person=ian-lee")
    assert "leave-immediately" in html
    assert "what-level-4-means" not in html
    html = html_of(client, "/articles/?place=iraq")  # Iraq finds articles naming Baghdad
    assert "leave-immediately" in html and "what-level-4-means" in html


def test_article_page_lists_people_places_and_advisories(demo, client):
    html = html_of(
        client, "/articles/state-department-tells-americans-in-iraq-to-leave-immediately/"
    )
    for name in ["Qassem Soleimani", "Donald Trump", "Ali Khamenei", "Ian Lee"]:
        assert name in html
    assert "/places/tahrir-square-baghdad/" in html and "/countries/kw/" in html
    assert FOUNDING_ALERT in html


def test_person_page_lists_public_articles_naming_them(demo, client):
    html = html_of(client, "/people/ali-khamenei/")
    assert "Supreme Leader of Iran" in html
    assert "leave-immediately" in html
    assert "draft-iran-retaliation-explainer" not in html
    assert 'href="/people/ali-khamenei/feed.rss"' in html


def test_people_list_names_everyone(demo, client):
    html = html_of(client, "/people/")
    for slug in ["qassem-soleimani", "donald-trump", "ali-khamenei", "ian-lee"]:
        assert f"/people/{slug}/" in html


# Search page


def test_search_finds_all_four_kinds(demo, client):
    html = html_of(client, "/search/?q=baghdad&superseded=on")  # the alert is past advice now
    assert FOUNDING_ALERT in html
    assert "leave-immediately" in html
    assert "/places/baghdad/" in html
    html = html_of(client, "/search/?q=soleimani")
    assert "/people/qassem-soleimani/" in html


def test_search_without_a_query_shows_the_form(client):
    html = html_of(client, "/search/")
    assert 'name="q"' in html and "could not be read" not in html


def test_search_escapes_what_it_echoes(client):
    html = html_of(client, "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in html


def test_country_level_since_is_when_the_level_last_changed(client):
    now = timezone.now()
    make_advisory(iso="CL", level=2, issued_at=now - timedelta(days=300))
    make_advisory(iso="CL", level=3, issued_at=now - timedelta(days=200))
    make_advisory(iso="CL", level=3, issued_at=now - timedelta(days=100))
    html = html_of(client, "/countries/cl/")
    since = (now - timedelta(days=200)).date().isoformat()
    assert f'At this level since <time datetime="{since}' in html


# Readers on phones, on the map and on paper


def test_home_map_draws_small_states_and_territories_as_markers(demo, client):
    html = html_of(client, "/")
    # Kuwait has a shape, linked for the keyboard on the world map; its marker is in a close-up.
    assert '<a href="/countries/kw/" tabindex="-1"><circle ' in html
    for code in ["hk", "mo", "bm", "cw", "bh"]:  # no shape: the marker is the only link
        assert f'<a href="/countries/{code}/"><circle ' in html, code
    assert (
        'class="map-marker level-2"><title>Hong Kong — Level 2: Exercise Increased Caution' in html
    )
    assert (
        'class="map-marker level-1"><title>Bermuda — Level 1: Exercise Normal Precautions' in html
    )


def test_home_map_has_a_skip_link_to_the_text_list_and_close_ups(demo, client):
    html = html_of(client, "/")
    assert '<a class="skip-link skip-map" href="#map-list">Skip the map</a>' in html
    assert 'id="map-list"' in html
    assert html.index('href="#map-list"') < html.index('class="world-map"')
    for close_up in ["map-europe", "map-middle-east", "map-caribbean", "map-east-asia"]:
        assert f'href="#{close_up}"' in html and f'id="{close_up}"' in html


def test_country_page_puts_active_alerts_right_after_the_level(demo, client):
    # The demo's alerts (2019-2020, no end date) are past now: one issued today is active.
    make_advisory(iso="IQ", kind=Advisory.Kind.SECURITY_ALERT, issued_at=timezone.now())
    html = html_of(client, "/countries/iq/")
    order = ["level-heading", "alerts-heading", "summary-heading", "indicators-heading"]
    order += ["places-heading", "history-heading", "articles-heading", "people-heading"]
    positions = [html.index(f'id="{heading}"') for heading in order]
    assert positions == sorted(positions)
    assert '<section class="alert-banner"' in html


def test_country_page_says_when_there_is_no_active_alert(client):
    make_advisory(iso="CL", level=1)
    assert "<strong>Active alerts:</strong> none." in html_of(client, "/countries/cl/")


def test_country_list_has_an_a_to_z_index_and_a_name_filter(demo, client):
    html = html_of(client, "/countries/")
    assert 'action="/countries/"' in html and 'action=""' not in html
    assert '<a href="?initial=L">L</a>' in html
    html = html_of(client, "/countries/?initial=L")
    assert "/countries/lb/" in html and "/countries/iq/" not in html
    assert '<a href="?initial=L" aria-current="page">L</a>' in html
    html = html_of(client, "/countries/?name=kuw")
    assert "/countries/kw/" in html and "/countries/iq/" not in html


def test_country_list_letters_keep_the_level_filter(demo, client):
    html = html_of(client, "/countries/?level=4&initial=S")
    assert "/countries/sy/" in html and "/countries/sa/" not in html  # Saudi Arabia: Level 2
    assert 'href="?level=4&amp;initial=I"' in html


def test_advisory_list_shows_each_active_filter_as_a_chip_that_removes_it(demo, client):
    html = html_of(client, "/advisories/?level=4&country=iq&country=sy&q=")
    chips = html.split('class="chips"')[1].split("</ul>")[0]
    assert 'href="/advisories/?country=SY&amp;level=4"' in chips  # Iraq removed
    assert "Remove </span>Country: Iraq" in chips
    assert 'href="/advisories/?country=IQ&amp;country=SY"' in chips  # the level removed
    assert "Remove </span>Level 4: Do Not Travel" in chips
    assert "Filter (3 active)" in html


def test_advisory_list_folds_its_filters_and_lists_results_first_in_view(demo, client):
    html = html_of(client, "/advisories/?level=4")
    assert '<details class="filters">' in html  # closed: the results show first
    assert '<select name="country" multiple' not in html
    assert 'list="id_country-list"' in html and '<option value="LB">Lebanon</option>' in html


def test_advisory_list_opens_its_filters_to_show_what_could_not_be_read(client):
    html = html_of(client, "/advisories/?level=9", status=400)
    assert '<details class="filters" open>' in html


def test_advisory_list_takes_a_typed_country_name(demo, client):
    html = html_of(client, "/advisories/?country=Syria&country=")
    assert "/countries/sy/" in html and "/countries/iq/" not in html
    assert '<input type="checkbox" name="country" value="SY" checked> Syria' in html


def test_article_byline_that_repeats_the_outlet_is_shown_once(demo, client):
    html = html_of(
        client, "/articles/state-department-tells-americans-in-iraq-to-leave-immediately/"
    )
    assert "CBS News · CBS News" not in html
    assert '<p class="meta">CBS News · <time' in html


def test_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an icon file
