"""Gunicorn settings for production: `gunicorn -c config/gunicorn.py config.wsgi`.

Every value can be changed from the environment; the defaults suit one container.
"""

import os


def cpu_count():
    """CPUs this process may run on (a container's share, not the whole host's where it can)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"

# Threads, not processes alone: a request waiting on the database holds one thread, and the
# others (static files, the health check) go on. Each thread may hold a database connection
# (CONN_MAX_AGE), so the cap on workers also caps what one web replica asks of PostgreSQL:
# 8 workers x 4 threads = 32 connections at most. The worker is gunicorn's threaded one, with a
# graceful stop that refuses new connections at once (see config/workers.py).
worker_class = "config.workers.ThreadWorker"
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A hung database costs a request at most DATABASE_CONNECT_TIMEOUT (settings, 3 s) to connect
# and this many seconds a statement; the site then answers 503 (front.views.server_error).
# Settings read it from the environment: migrations and imports, run outside gunicorn, are
# not limited.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "10")
# Above the database's limits, so that they answer first, with a 503, and a worker is killed
# (and its requests lost) only for a request stuck somewhere else.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Long enough for a request in flight at a deploy to finish within the database's limits.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# Connections waiting to be accepted: a spike queues for a moment, but an overloaded replica
# refuses soon rather than holding thousands of clients the proxy could send elsewhere.
backlog = int(os.environ.get("GUNICORN_BACKLOG", "256"))

# Peers allowed to tell gunicorn that the original request was HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = "-"
errorlog = "-"

# The heartbeat file on a disk-backed /tmp can stall workers inside containers.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# The runtime control socket lives in $HOME, which the container user lacks and which several
# instances on one machine would share; nothing here uses it.
control_socket_disable = True
