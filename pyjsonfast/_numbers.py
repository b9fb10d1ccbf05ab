"""Number parsing and formatting that must be exact to the last bit."""

from __future__ import annotations
