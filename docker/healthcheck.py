"""Exit 0 when the local web server answers /healthz with 200, 1 otherwise.

Docker's HEALTHCHECK runs it inside the web container, where there is no curl. The request
names the first of ALLOWED_HOSTS so that Django accepts it.
"""

import os
import sys
import urllib.request


def main():
    """Probe http://127.0.0.1:$PORT/healthz and report the outcome as the exit status."""
    port = os.environ.get("PORT", "8000")
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = hosts[0].lstrip(".") if hosts and hosts[0] != "*" else "localhost"
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return 0 if response.status == 200 else 1
    except OSError as error:
        print(f"healthcheck failed: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
