import time


def report(name: str, seconds: float, **figures) -> None:
    extra = "  ".join(f"{k}={v}" for k, v in figures.items())
    print(f"{name:<56} {seconds * 1000:10.1f} ms  {extra}", flush=True)


class timer:
    """``with timer() as t: ...`` then ``t.seconds``."""

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
