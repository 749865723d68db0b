"""A least-recently-used store bounded in bytes: the response cache's and the replay table's."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedLRU(Generic[K, V]):
    """Items by key, least recently used first, at most ``max_bytes`` as ``cost`` counts them.

    An item costing more than a quarter of the budget is not kept, so that one huge answer
    cannot evict all the others. Safe to share between the event loop and worker threads.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.used = 0
        self.items: OrderedDict[K, V] = OrderedDict()
        self.lock = threading.Lock()

    def cost(self, key: K, item: V) -> int:
        """What keeping ``item`` under ``key`` costs, in bytes."""
        raise NotImplementedError

    def get(self, key: K) -> V | None:
        with self.lock:
            item = self.items.get(key)
            if item is not None:
                self.items.move_to_end(key)
            return item

    def put(self, key: K, item: V) -> None:
        size = self.cost(key, item)
        if size > self.max_bytes // 4:
            return
        with self.lock:
            self._drop(key)
            self.items[key] = item
            self.used += size
            while self.used > self.max_bytes:
                self._drop(next(iter(self.items)))

    def discard(self, key: K) -> None:
        with self.lock:
            self._drop(key)

    def _drop(self, key: K) -> None:
        item = self.items.pop(key, None)
        if item is not None:
            self.used -= self.cost(key, item)
