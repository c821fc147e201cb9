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

# Each thread may hold a database connection (CONN_MAX_AGE), so the cap on workers also caps
# what one web replica asks of PostgreSQL: 8 workers x 4 threads = 32 connections at most.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5

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
