"""What publishing sets off, for the apps that act on it (email alerts) without this app
knowing them."""

from django.dispatch import Signal

# Sent by Publishable.finish_publishing with `edition` (the row just published) and `user` (None
# for an import), inside the publishing transaction: a receiver that reaches outside the
# database (mail) waits for the commit.
edition_published = Signal()
