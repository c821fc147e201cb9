"""The gunicorn worker of config/gunicorn.py."""

from gunicorn.workers import gthread


class ThreadWorker(gthread.ThreadWorker):
    """gunicorn's threaded worker, but a graceful stop closes the listening sockets as soon as it
    stops accepting, not after the requests in flight finish: a new connection is refused at
    once (and a proxy tries another replica) instead of waiting, up to the graceful timeout, in
    the queue of a server that will never accept it."""

    def set_accept_enabled(self, enabled):
        super().set_accept_enabled(enabled)
        if not self.alive:
            for listener in self.sockets:
                listener.close()
