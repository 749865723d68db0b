"""BLAKE2b, the content hash of the catalogue caches, without loading OpenSSL.

``hashlib.blake2b`` is CPython's built-in ``_blake2.blake2b``; importing ``hashlib`` also loads
OpenSSL's bindings (``_hashlib``), a few milliseconds of every cold command (issue 21) for a hash
that does not use them. Another Python without ``_blake2`` gets hashlib's.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always has it
    from hashlib import blake2b

__all__ = ["blake2b"]
