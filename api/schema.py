"""How drf-spectacular reads the API's FilterSets into the OpenAPI description."""

import copy

from drf_spectacular.contrib.django_filters import DjangoFilterExtension


class FilterSetParameters(DjangoFilterExtension):
    """drf-spectacular's reading of a FilterSet, done on copies of its filters. Reading a filter
    builds its form field and keeps it on the filter (django-filter issue #1525); on the class's
    own filters, before they know their model, that field has no label, and every form built
    after it would have none: the pages' active-filter chips would read "None: Level 4"."""

    target_class = "api.views.FilterSetBackend"
    priority = 1  # before drf-spectacular's own, which matches every DjangoFilterBackend

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        filter_field = copy.deepcopy(filter_field)
        filter_field.model = model  # as a FilterSet sets it: the label comes from the model
        return super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
