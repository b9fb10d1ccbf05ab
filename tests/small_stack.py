"""The thread stack size the tests of deep nesting use, where C recursion
overflows early."""

from __future__ import annotations

import os

# 512 KiB; under the sanitizers session (which sets PYJSONFAST_SANITIZERS), ASan's
# redzones make every C frame several times larger, and the stack grows to match.
SMALL_STACK_BYTES = 512 * 1024 * (4 if os.environ.get("PYJSONFAST_SANITIZERS") else 1)
