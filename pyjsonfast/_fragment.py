"""Fragment: JSON text the writer copies into its output as it is.

Interpreted on purpose: its docstring must show in help() (mypyc keeps none),
and the compiled writer only checks isinstance and reads .text.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only (see _buffer)
    from typing import Union

__all__ = ["Fragment"]


class Fragment:
    """Pre-serialized JSON, written verbatim wherever it appears in a value.

        dumps({"cached": Fragment('{"a": [1, 2]}')})   # '{"cached": {"a": [1, 2]}}'

    text is a str, or bytes holding UTF-8. It is NOT validated by default: the
    writer copies it as it is (no escaping, not even with ensure_ascii), so
    whatever it holds ends up in the output, valid JSON or not. Pass
    validate=True to parse it once here (JSONDecodeError if it is not exactly
    one JSON value). bytes that are not UTF-8 raise UnicodeDecodeError when
    written into str output (dumps, dump to a text file).
    """

    __slots__ = ("text",)

    text: Union[str, bytes]

    def __init__(
        self, text: Union[str, bytes, bytearray, memoryview], *, validate: bool = False
    ) -> None:
        if isinstance(text, str):
            self.text = str(text)
        elif isinstance(text, (bytes, bytearray, memoryview)):
            self.text = bytes(text)
        else:
            raise TypeError(f"Fragment text must be str or bytes, not {type(text).__name__}")
        if validate:
            from . import _decode_api

            _decode_api.loads_default(self.text)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fragment):
            return NotImplemented
        return self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)
