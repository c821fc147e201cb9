"""Sending over one SMTP connection, and what a failure means for the message: refused for
good (the address does not exist: never tried again), or not now (tried again later)."""

import smtplib
from contextlib import contextmanager, suppress

from django.core.mail import get_connection


class Refused(Exception):
    """The server refused the message for good (a 5xx answer): do not try it again."""


class TryLater(Exception):
    """The server did not take the message now (a 4xx answer): try it again later."""


class Unreachable(TryLater):
    """The server could not be reached, or dropped the connection: try everything again later."""


def server_words(error):
    """An SMTP failure as the server put it: "550 5.1.1 No such user"."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(server_words_of(*answer) for answer in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return server_words_of(error.smtp_code, error.smtp_error)
    return str(error) or type(error).__name__


def server_words_of(code, text):
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}"[:500]


def is_permanent(error):
    """Whether the server refused for good: every recipient (or the message) with a 5xx. A
    refused sender is the site's own misconfiguration, worth trying again once it is fixed."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPSenderRefused):
        return False
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


@contextmanager
def smtp_connection():
    """An open connection of the configured email backend; Unreachable if it cannot open."""
    connection = get_connection()
    try:
        connection.open()
    except OSError as error:  # refused, timed out, TLS or sign-in failed (SMTPException too)
        raise Unreachable(server_words(error)) from error
    try:
        yield connection
    finally:
        with suppress(OSError):  # the server may be gone already
            connection.close()


def send(connection, message):
    """Send `message`, or raise Refused, TryLater or Unreachable, with the server's words."""
    try:
        connection.send_messages([message])
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as error:
        if is_permanent(error):
            raise Refused(server_words(error)) from error
        raise TryLater(server_words(error)) from error
    except OSError as error:  # the connection dropped or timed out
        raise Unreachable(server_words(error)) from error
