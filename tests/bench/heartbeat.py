"""The longest time the GUI's event loop could not answer: a 10 ms timer whose late ticks show
every freeze a clerk would feel (a keystroke waits as long)."""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer


class Heartbeat:
    INTERVAL_MS = 10

    def __init__(self):
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.longest_ms = 0.0
        self.last = 0
        self.gaps: list[tuple[int, int]] = []  # (when, how long) of every gap over 50 ms

    def _tick(self) -> None:
        now = self.clock.elapsed()
        gap = now - self.last - self.INTERVAL_MS
        self.longest_ms = max(self.longest_ms, float(gap))
        if gap > 50:
            self.gaps.append((now, gap))
        self.last = now

    def __enter__(self) -> "Heartbeat":
        self.clock.start()
        self.last = 0
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.timer.stop()
