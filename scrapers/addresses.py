"""Internal addresses, for refusing redirects from the public internet into a private network.

A public page that answers ``302 Location: http://169.254.169.254/`` (a cloud metadata
service) or ``http://127.0.0.1:8080/admin`` would otherwise make the crawler fetch and store
what only this machine can see. Sources configured on internal hosts (a lab's own intranet,
the loopback test servers) keep working: only the public -> internal crossing is refused.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket


def _internal_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (ip.is_loopback or ip.is_link_local or ip.is_private or ip.is_unspecified
            or ip.is_reserved or ip.is_multicast)


async def resolve(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses ``host`` stands for; [] when it does not resolve."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    if host.lower().rstrip(".") == "localhost" or host.lower().endswith(".localhost"):
        return [ipaddress.ip_address("127.0.0.1")]
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    out = []
    for info in infos:
        try:
            out.append(ipaddress.ip_address(str(info[4][0]).split("%")[0]))
        except ValueError:
            continue
    return out


async def is_internal(host: str) -> bool:
    """True when any address of ``host`` is loopback, link-local, private or otherwise not public."""
    return any(_internal_ip(ip) for ip in await resolve(host))


async def is_public(host: str) -> bool:
    """True when ``host`` resolves and every address it has is public."""
    ips = await resolve(host)
    return bool(ips) and not any(_internal_ip(ip) for ip in ips)
