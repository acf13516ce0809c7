"""``RelatedIndex.related_all(workers=N)``: the batch shared with ``N - 1`` helper processes.

The calling process works too.  Helpers are started with the ``spawn`` method (a fresh
interpreter: no fork of a process that may hold threads, BLAS's or the user's) before the engine
is written, so that their start and imports run while it is, and read the engine from a
temporary file: its arrays and the profiles, without the corpus (a profile is all a score needs;
the category tree gives the category rows).  Work is handed out in chunks of blocks from
one shared counter, so a process that finishes early takes the next chunk; a helper sends back,
per query, ``(position, score, signal values)`` of each pick, and the calling process makes the
:class:`~newsmodel.related.score.RelatedResult` values (validated there, as always).  The answers
are the engine's own, so they are the same whatever the number of processes.

Nothing of the calling process changes (a helper, newsmodel's own process, pauses its collector
while it reads the engine and freezes what it read; the calling process's is left alone): the
default start method is left as it was (starting a
process fixes it as a side effect, which is undone), no signal handler is installed; the helpers
end with the call.  As with every use of ``spawn``, a script that calls this at import
time must do it under ``if __name__ == "__main__":`` (a helper imports the main module).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import tempfile
import traceback
from collections.abc import Callable
from typing import Any

from newsmodel.related._engine import Engine, Pick, Values, _load_kernels
from newsmodel.related.config import RelatedConfig
from newsmodel.related.features import Features
from newsmodel.related.score import Scorer

__all__ = ["query_all_parallel"]

#: Most blocks a process takes at a time (about 1,000 queries with blocks of 64); fewer towards
#: the end (a quarter of what is left per process), so that no process waits long for another.
CHUNK_BLOCKS = 16
#: A helper's answers: per query, its position and ``(position, score, values)`` of each pick.
Answers = list[tuple[int, list[tuple[int, float, Values]]]]


class _Profiles:
    """What the batch reads of :class:`~newsmodel.related.features.Features`: the profiles and the
    category tree (for the category rows), not the corpus."""

    def __init__(self, features: Features) -> None:
        self.profiles = features.profiles
        self.n = features.n
        self._parent = features._parent
        self._length = features._length
        self._rows: dict[tuple[str, ...], dict[str, float]] = {}

    category_row = Features.category_row


def _state(engine: Engine) -> dict[str, Any]:
    state = dict(engine.__dict__)
    state["features"] = _Profiles(engine.features)
    state["scorer"] = engine.scorer.config
    state["kernels"] = engine.kernels is not None  # a module is not pickled: the helper imports it
    return state


def _engine_from(state: dict[str, Any]) -> Engine:
    config: RelatedConfig = state.pop("scorer")
    engine = Engine.__new__(Engine)
    engine.__dict__.update(state)
    engine.scorer = Scorer(engine.features, config)
    engine.kernels = _load_kernels(required=True) if engine.kernels else None
    return engine


def _claim(counter: Any, n_blocks: int, processes: int) -> range | None:
    """The next blocks for one process, or None when every block is taken."""
    with counter.get_lock():
        start = int(counter.value)
        if start >= n_blocks:
            return None
        size = max(1, min(CHUNK_BLOCKS, (n_blocks - start) // (4 * processes)))
        counter.value = start + size
    return range(start, start + size)


def _helper(
    path: str, written: Any, compiled: bool, counter: Any, answers: Any, k: int, as_of_us: int, processes: int
) -> None:
    """A helper process: read the engine once the calling process has written it, then take chunks
    until none is left, send each chunk's answers."""
    try:
        if compiled:
            _load_kernels(required=True)  # imported while the calling process writes the engine
        parent = multiprocessing.parent_process()
        while not written.wait(timeout=0.5):
            if parent is not None and not parent.is_alive():
                return  # the calling process is gone: nothing to answer
        engine = _engine_from(_read_engine(path))
        while (blocks := _claim(counter, engine.n_blocks, processes)) is not None:
            found: Answers = [
                (position, [(other.position, score, values) for score, other, values in picks])
                for position, picks in engine.query_all_signals(k, as_of_us, blocks)
            ]
            answers.put(("answers", found))
        answers.put(("done", None))
    except BaseException:  # pragma: no cover - reported to the calling process, which raises
        answers.put(("error", traceback.format_exc()))


def _read_engine(path: str) -> dict[str, Any]:
    """The engine's state, read in a helper process: newsmodel's own process, started for one call
    and ended with it, which manages its own collector as the ``newsmodel`` program does.  The
    state (about ten objects an article) is read with the collector paused, then frozen: kept for
    the helper's life, it would otherwise be traversed by the full collections its reading brings
    on, and again by those its answers bring on later."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as f:
            state: dict[str, Any] = pickle.load(f)
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    return state


def _start(processes: list[Any]) -> None:
    """Start the helpers (before the engine is written: their interpreters and imports run while
    it is), leaving the process-wide default start method as it was."""
    method = multiprocessing.get_start_method(allow_none=True)
    try:
        for p in processes:
            p.start()
    finally:
        # starting a process fixes the process-wide default start method as a side effect
        # (multiprocessing's spawn preparation reads it): put back "not chosen yet"
        if method is None:
            multiprocessing.set_start_method(None, force=True)


def query_all_parallel(
    engine: Engine, k: int, as_of_us: int, workers: int, make: Callable[[int, list[Pick]], None]
) -> None:
    """Call ``make(position, picks)`` for every article visible at ``as_of_us``, the batch shared by
    this process and ``workers - 1`` helpers (the same picks as :meth:`Engine.query_all_signals`)."""
    context = multiprocessing.get_context("spawn")
    helpers = min(workers - 1, max(engine.n_blocks // CHUNK_BLOCKS - 1, 0))
    if helpers == 0:
        for position, picks in engine.query_all_signals(k, as_of_us):
            make(position, picks)
        return
    counter = context.Value("q", 0)
    answers: Any = context.Queue()
    profiles = engine.features.profiles
    written = context.Event()
    with tempfile.TemporaryDirectory(prefix="newsmodel-related-") as folder:
        path = os.path.join(folder, "engine.pickle")
        compiled = engine.kernels is not None
        processes = [
            context.Process(
                target=_helper,
                args=(path, written, compiled, counter, answers, k, as_of_us, helpers + 1),
                daemon=True,
            )
            for _ in range(helpers)
        ]
        try:
            _start(processes)
            with open(path, "wb") as f:
                pickle.dump(_state(engine), f, protocol=pickle.HIGHEST_PROTOCOL)
            written.set()
            running = helpers

            def drain(block: bool) -> None:
                nonlocal running
                while running:
                    try:
                        kind, found = answers.get(timeout=1.0) if block else answers.get_nowait()
                    except queue.Empty:
                        if not block:
                            return
                        if not any(p.is_alive() for p in processes) and answers.empty():
                            raise RuntimeError("related_all: a helper process ended without its answers") from None
                        continue
                    if kind == "error":
                        raise RuntimeError(f"related_all: a helper process failed:\n{found}")
                    if kind == "done":
                        running -= 1
                        continue
                    for position, picks in found:
                        make(position, [(score, profiles[other], values) for other, score, values in picks])

            while (blocks := _claim(counter, engine.n_blocks, helpers + 1)) is not None:
                for position, picks in engine.query_all_signals(k, as_of_us, blocks):
                    make(position, picks)
                drain(block=False)
            drain(block=True)
        finally:
            # after an error here too (while starting the helpers, or writing the engine), so that a
            # helper waiting for the engine goes on, finds none, reports it and ends
            written.set()
            for p in processes:
                if p.pid is None:  # never started
                    continue
                p.join(timeout=5.0)
                if p.is_alive():  # pragma: no cover - only after an error
                    p.terminate()
                    p.join()
            answers.close()
