"""pyjsonfast: the stdlib json API, byte-identical output, compiled by mypyc where it can be.

    import pyjsonfast as json
    json.loads('{"a": [1, 2.5, null]}')   # {'a': [1, 2.5, None]}
    json.dumps({"a": [1, 2.5, None]})     # '{"a": [1, 2.5, null]}'

The functions and classes here are the compiled ones: this module only re-exports,
so a call goes straight into the extension.
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES

from . import _decoder
from ._decoder import JSONDecoder, load, loads
from ._encoder import JSONEncoder, dump, dumps
from ._errors import JSONDecodeError
from ._version import __version__

__all__ = [
    "JSONDecodeError",
    "JSONDecoder",
    "JSONEncoder",
    "__compiled__",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
]

# True exactly when the mypyc extension is what got imported (not the .py twin).
__compiled__: bool = (_decoder.__file__ or "").endswith(tuple(EXTENSION_SUFFIXES))
