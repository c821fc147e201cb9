"""Importers of official advisories: the U.S. State Department's RSS feed and GOV.UK's travel
advice. Each source module (`state_dept`, `govuk`) turns a document into entries, with `reading`
to fetch and fill them in and `countries` to name their countries; `writing` writes them to the
database under the rules both share, and `reporting` tells the operator how it went.
"""
