"""The two servers the bench measures: gunicorn with the project's config/gunicorn.py, on a free
loopback port, in a process group of its own so that stopping it stops every worker."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.environment import PROJECT, bench_environment
from bench.load import fetch


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn serving `settings` on the bench database; its output goes to `log`."""

    def __init__(self, settings, database_url, log):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = Path(log)
        env = bench_environment(database_url)
        env.update(
            DJANGO_SETTINGS_MODULE=settings,
            HOST="127.0.0.1",
            PORT=str(self.port),
            PYTHONUNBUFFERED="1",
        )
        command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
        with open(self.log, "wb") as output:
            self.process = subprocess.Popen(
                command,
                cwd=PROJECT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_answering(self, path, within=60):
        """Until `path` answers 200; exits with the server's log if it never does."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited; see {self.log}:\n{self.tail()}")
            if fetch(self.base, path, timeout=5)[0] == 200:
                return
            time.sleep(0.2)
        sys.exit(f"gunicorn did not answer {path} in {within} s; see {self.log}:\n{self.tail()}")

    def tail(self, lines=20):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def workers_rss_mb(self):
        """The resident memory of each worker process, in MB."""
        return sorted(rss_mb(pid) for pid in children(self.process.pid))

    def stop(self):
        """SIGTERM to the whole process group, gunicorn's graceful stop; SIGKILL if it hangs."""
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def children(pid):
    """The ids of the processes whose parent is `pid`, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # The command name, in parentheses, may hold spaces: the fields follow the last ")".
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent == pid:
                found.append(int(stat.parent.name))
    return found


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
