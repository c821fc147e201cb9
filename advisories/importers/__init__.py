"""Importers of official advisories: the U.S. State Department's RSS feed and GOV.UK's travel
advice. Each source module turns a document into entries; `common` writes them to the database
under the rules both share (idempotent, history on a level change, staff work never overwritten).
"""
