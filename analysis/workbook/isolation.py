"""One article's extraction, isolated: an exception or a runaway rule in one article becomes a
``problems`` row for that article, and every other article is extracted as usual.

The rules are plain Python over a parse, so a bug triggered by strange text, or a rule that grows
faster than the text, is always possible on a corpus nobody has read yet; a batch of thousands of
articles must not be lost to one of them. The time limit interrupts the rules from outside: with a
timer signal in the main thread, or with an exception raised into a worker thread (the Dask
engine's case).
"""
from __future__ import annotations

import ctypes
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from analysis.corpus.reader import Article, Problem
from analysis.paths import PACKAGE_DIR, shown

ARTICLE_SECONDS = 60.0  # a budget for one article's rules (the parse is not counted): 0.1 s is usual
T = TypeVar("T")


class OverBudget(Exception):
    """Raised into the rules of an article that ran out of time."""


def isolated(article: Article, work: Callable[[], T], seconds: float | None) -> tuple[T | None, Problem | None]:
    """``(result, None)``, or ``(None, problem)`` when ``work`` raised or ran out of time."""
    try:
        with time_limit(seconds):
            return work(), None
    except OverBudget:
        return None, Problem(article.path, "extraction too slow", (
            f"the rules took longer than {seconds:g} s on this article, which was left out; raise the limit "
            "with --article-seconds (article_seconds= in Python) if it is simply very long"))
    except Exception as error:  # noqa: BLE001 -- the point: any failure of one article is its own
        return None, Problem(article.path, "extraction failed", failure(error))


def failure(error: BaseException) -> str:
    """One line: the exception, where in the workbook's code it was raised, and what happened."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if Path(frame.filename).is_relative_to(PACKAGE_DIR)]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    place = f" in {shown(Path(where.filename))}:{where.lineno} ({where.name})" if where else ""
    message = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}{place}: {message}; the article was left out (please report it)"


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``OverBudget`` in this thread if the block runs longer than ``seconds`` (None or 0:
    no limit)."""
    if not seconds or seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _thread_timer(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    """A timer thread raises ``OverBudget`` into this thread at its next bytecode; once the block
    is over, a raise not yet delivered is withdrawn, so it cannot surface in unrelated code."""
    thread_id, lock, state = threading.get_ident(), threading.Lock(), {"done": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(OverBudget))
                state["fired"] = True

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        timer.cancel()
        if state["fired"]:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)
