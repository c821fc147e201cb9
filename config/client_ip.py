"""The client's address behind trusted proxies, for django-axes' counts (see settings)."""

import ipaddress


def forwarded_client_ip(request, proxies):
    """The client's address as the outermost of `proxies` trusted proxies saw it.

    Each proxy appends the address it saw to X-Forwarded-For, so the client is the `proxies`-th
    entry from the right; entries further left come from the client and may be forged.
    """
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if hops:
        try:
            return str(ipaddress.ip_address(hops[-min(proxies, len(hops))]))
        except ValueError:
            pass  # Not an address: count the proxy's own, as without the header.
    return request.META.get("REMOTE_ADDR")
