{% comment %}drf-spectacular's start-up script without a CSRF token: rendering one would set a
cookie on a response that any cache may keep, and this API has no unsafe method to protect.
{% endcomment %}{% with csrf_token="" %}{% include "drf_spectacular/swagger_ui.js" %}{% endwith %}
