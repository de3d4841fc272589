"""One way to run a service call from the UI (like Anki's ``CollectionOp``).

``run_op`` starts the coroutine in the service's task group and gives every command the same
behaviour: the controls it names are busy (disabled) while it runs and come back as they were;
pressing the same command again while it runs does nothing (no double save); on success an
optional callback runs and an optional Dutch message shows as information; on failure the
user reads the error's own Dutch sentence (its ``user_message`` attribute when it has one,
else the task group's mapping), in the error style, and nothing else breaks. Cancellation is
not a failure.

Event-loop (GUI) thread only.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from console.i18n import Text
from console.services.tasks import TaskGroup, user_message
from widgets.i18n import render, show

log = logging.getLogger(__name__)

T = TypeVar("T")
Busy = QWidget | QAction
Message = Callable[[str], None]

_running: dict[tuple[int, str], asyncio.Task[Any]] = {}


def message_for(exc: BaseException) -> str:
    """The sentence for a failure in the active language: the error's own when it has one.

    An error that carries a :class:`console.i18n.Text` is rendered from it; a fixed sentence
    marked with ``QT_TRANSLATE_NOOP("errors", ...)`` is looked up as is (an unmarked one stays
    Dutch, never wrong for the KCC).
    """
    data = getattr(exc, "text", None)
    if isinstance(data, Text):
        return render(data)
    text = getattr(exc, "user_message", None)
    if not (isinstance(text, str) and text):
        text = user_message(exc)
    return show(text)


def run_op(
    tasks: TaskGroup,
    coro: Coroutine[Any, Any, T],
    *,
    what: str,
    busy: Sequence[Busy] = (),
    success: str | Callable[[T], str] | None = None,
    on_success: Callable[[T], None] | None = None,
    info: Message | None = None,
    error: Message | None = None,
) -> asyncio.Task[Any] | None:
    """Run ``coro`` as the UI command ``what``; see the module docstring.

    Returns the task, or None when the same command (same task group, same ``what``) is
    still running; then ``coro`` is closed unstarted.
    """
    key = (id(tasks), what)
    running = _running.get(key)
    if running is not None and not running.done():
        coro.close()
        return None
    before = [(item, item.isEnabled()) for item in busy]
    for item, _enabled in before:
        item.setEnabled(False)

    async def op() -> None:
        try:
            result = await coro
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # every failure ends as a Dutch sentence, never a crash
            log.error("%s failed: %s", what, type(exc).__name__)  # no message: personal data
            text = message_for(exc)
            if error is not None:
                error(text)
            else:
                tasks.notify(text)
            return
        finally:
            for item, enabled in before:
                try:
                    item.setEnabled(enabled)
                except RuntimeError:  # its dialog was closed and deleted meanwhile
                    pass
        if on_success is not None:
            on_success(result)
        if success is not None and info is not None:
            info(success(result) if callable(success) else success)

    task = tasks.spawn(op(), what=what)
    _running[key] = task
    task.add_done_callback(lambda t: _running.pop(key, None) if _running.get(key) is t else None)
    return task
