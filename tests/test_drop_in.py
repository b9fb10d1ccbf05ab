"""`import pyjsonfast as json` in real code: json's class tree and submodules, json's
own classes and subclasses on the fast path with json's semantics, json's errors
for bad arguments, and help() that shows something.

Every expectation is json's own behaviour in the running interpreter.
"""

from __future__ import annotations

import gc
import inspect
import io
import json
import json.decoder
import json.encoder
import pydoc
from collections import OrderedDict
from decimal import Decimal
from typing import Any, Callable, Iterator

import pytest

import pyjsonfast
import pyjsonfast.decoder
import pyjsonfast.encoder
from pyjsonfast import _decode_api, _decoder, _encode_api, _encoder

SAMPLE: Any = {"b": [1, 2.5, None, True], "a": {"x": "é\n"}, "c": [], "d": {}}
DOC = '{"b": [1, 2.5, null, true, 1e400], "a": {"x": "\\u00e9", "y": NaN}, "c": []}'


# --- the class tree and the module layout ------------------------------------------


def test_classes_are_subclasses_of_jsons() -> None:
    assert isinstance(pyjsonfast.JSONEncoder(), json.JSONEncoder)
    assert isinstance(pyjsonfast.JSONDecoder(), json.JSONDecoder)
    assert issubclass(pyjsonfast.JSONDecodeError, json.JSONDecodeError)


def test_submodules_mirror_jsons() -> None:
    from pyjsonfast.decoder import JSONDecodeError, JSONDecoder
    from pyjsonfast.encoder import JSONEncoder

    assert JSONDecodeError is pyjsonfast.JSONDecodeError
    assert JSONDecoder is pyjsonfast.JSONDecoder
    assert JSONEncoder is pyjsonfast.JSONEncoder
    assert set(pyjsonfast.decoder.__all__) == set(json.decoder.__all__)
    for name in pyjsonfast.encoder.__all__:
        assert not name.startswith("_")
        if name not in ("JSONEncoder", "Fragment"):  # Fragment: ours
            assert getattr(pyjsonfast.encoder, name) is getattr(json.encoder, name)
    assert pyjsonfast.encoder.Fragment is pyjsonfast.Fragment
    assert set(json.__all__) <= set(pyjsonfast.__all__)


def test_detect_encoding() -> None:
    for text in ('{"a": 1}', "[]", "1"):
        for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            data = text.encode(encoding)
            assert pyjsonfast.detect_encoding(data) == json.detect_encoding(data)


def test_public_functions_and_classes_have_docstrings_and_signatures() -> None:
    for thing in (
        pyjsonfast.dumps,
        pyjsonfast.dump,
        pyjsonfast.loads,
        pyjsonfast.load,
        pyjsonfast.JSONEncoder,
        pyjsonfast.JSONEncoder.encode,
        pyjsonfast.JSONEncoder.iterencode,
        pyjsonfast.JSONDecoder,
        pyjsonfast.JSONDecoder.decode,
        pyjsonfast.JSONDecoder.raw_decode,
    ):
        assert thing.__doc__, thing
        assert "Serialize" in pydoc.render_doc(pyjsonfast.dumps)
        inspect.signature(thing)  # raises ValueError when there is none


# Our keyword-only extensions shown in signatures (loads' go through **kw, as json's).
EXTENSIONS = {"native_types": False}


def json_parameters(signature: inspect.Signature) -> list[tuple[str, Any, Any]]:
    """(name, kind, default) of each parameter but our extensions, which must be
    keyword-only with their default."""
    kept = []
    for p in signature.parameters.values():
        if p.name in EXTENSIONS:
            assert p.kind is p.KEYWORD_ONLY and p.default == EXTENSIONS[p.name]
        else:
            kept.append((p.name, p.kind, p.default))
    return kept


@pytest.mark.parametrize("name", ["dumps", "dump", "loads", "load"])
def test_signatures_match_jsons(name: str) -> None:
    ours = inspect.signature(getattr(pyjsonfast, name))
    theirs = inspect.signature(getattr(json, name))
    assert json_parameters(ours) == json_parameters(theirs)


def test_dumpb_takes_dumps_keywords_with_utf8_default() -> None:
    dumps = json_parameters(inspect.signature(pyjsonfast.dumps))
    dumpb = json_parameters(inspect.signature(pyjsonfast.dumpb))
    assert ("ensure_ascii", inspect.Parameter.KEYWORD_ONLY, False) in dumpb
    assert [p for p in dumpb if p[0] != "ensure_ascii"] == [
        p for p in dumps if p[0] != "ensure_ascii"
    ]


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (pyjsonfast.JSONEncoder.encode, json.JSONEncoder.encode),
        (pyjsonfast.JSONEncoder.iterencode, json.JSONEncoder.iterencode),
        (pyjsonfast.JSONDecoder.decode, json.JSONDecoder.decode),
        (pyjsonfast.JSONDecoder.raw_decode, json.JSONDecoder.raw_decode),
    ],
)
def test_method_signatures_match_jsons(
    ours: Callable[..., Any], theirs: Callable[..., Any]
) -> None:
    assert [(p.name, p.kind, p.default) for p in inspect.signature(ours).parameters.values()] == [
        (p.name, p.kind, p.default) for p in inspect.signature(theirs).parameters.values()
    ]


# --- encoders: json's classes on the writer, overrides honoured ----------------------


class StdEncoderWithDefault(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


class OurEncoderWithDefault(pyjsonfast.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


class StdEncoderSortedByDefault(json.JSONEncoder):
    item_separator = ";"
    key_separator = "="

    def __init__(self, **kw: Any) -> None:
        kw["sort_keys"] = True
        super().__init__(**kw)


WITH_DECIMALS: Any = {"z": [Decimal("1.10"), {"y": Decimal("2")}], "a": "é"}


@pytest.mark.parametrize(
    "cls", [StdEncoderWithDefault, OurEncoderWithDefault, StdEncoderSortedByDefault]
)
@pytest.mark.parametrize("options", [{}, {"indent": 2}, {"sort_keys": True, "ensure_ascii": False}])
def test_encoder_classes_give_jsons_output(cls: type[json.JSONEncoder], options: Any) -> None:
    value = WITH_DECIMALS if cls is not StdEncoderSortedByDefault else SAMPLE
    expected = json.dumps(value, cls=cls, **options)
    assert pyjsonfast.dumps(value, cls=cls, **options) == expected
    out = io.StringIO()
    pyjsonfast.dump(value, out, cls=cls, **options)
    assert out.getvalue() == expected


def test_json_encoder_subclass_runs_on_the_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    real = _encode_api.writer_for_encoder

    def spy(encoder: object, one_shot: bool, utf8: bool = False) -> _encoder.Writer:
        calls.append(one_shot)
        return real(encoder, one_shot, utf8)

    def no_json(*args: Any, **kw: Any) -> Any:
        raise AssertionError("json's own encoder ran")

    monkeypatch.setattr(_encode_api, "writer_for_encoder", spy)
    monkeypatch.setattr(json.encoder, "c_make_encoder", no_json, raising=False)  # CPython
    monkeypatch.setattr(json.encoder, "_make_iterencode", no_json, raising=False)
    expected = '{"z": ["1.10", {"y": "2"}], "a": "\\u00e9"}'
    assert pyjsonfast.dumps(WITH_DECIMALS, cls=StdEncoderWithDefault) == expected
    pyjsonfast.dump([1], io.StringIO(), cls=StdEncoderWithDefault)
    assert calls == [True, False]


class OverridesIterencode(json.JSONEncoder):
    def iterencode(self, o: Any, _one_shot: bool = False) -> Iterator[str]:
        yield "<"
        yield from super().iterencode(o, _one_shot)
        yield ">"


class OursOverridesIterencode(pyjsonfast.JSONEncoder):
    def iterencode(self, o: Any, _one_shot: bool = False) -> Iterator[str]:
        yield f"<{_one_shot}"
        yield from super().iterencode(o, _one_shot)
        yield ">"


class OursOverridesEncode(pyjsonfast.JSONEncoder):
    def encode(self, o: Any) -> str:
        return "!" + super().encode(o)


class TheirsOverridesIterencode(json.JSONEncoder):
    def iterencode(self, o: Any, _one_shot: bool = False) -> Iterator[str]:
        yield f"<{_one_shot}"
        yield from super().iterencode(o, _one_shot)
        yield ">"


class TheirsOverridesEncode(json.JSONEncoder):
    def encode(self, o: Any) -> str:
        return "!" + super().encode(o)


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (OursOverridesIterencode, TheirsOverridesIterencode),
        (OverridesIterencode, OverridesIterencode),
        (OursOverridesEncode, TheirsOverridesEncode),
    ],
)
def test_overridden_encode_and_iterencode_are_honoured(ours: type[Any], theirs: type[Any]) -> None:
    for value in ([1, {"a": 2}], "text", 3):
        assert pyjsonfast.dumps(value, cls=ours) == json.dumps(value, cls=theirs)
        assert ours().encode(value) == theirs().encode(value)
        out, expected = io.StringIO(), io.StringIO()
        pyjsonfast.dump(value, out, cls=ours)
        json.dump(value, expected, cls=theirs)
        assert out.getvalue() == expected.getvalue()


def test_default_argument_is_stored_as_json_stores_it() -> None:
    def fn(o: Any) -> Any:
        return str(o)

    assert pyjsonfast.JSONEncoder(default=fn).default is fn
    assert pyjsonfast.dumps([Decimal(1)], default=fn) == '["1"]'


def test_encoder_attributes_changed_after_construction_apply_as_in_json() -> None:
    # json's iterencode reads the attributes at each call.
    ours, theirs = pyjsonfast.JSONEncoder(), json.JSONEncoder()
    for encoder in (ours, theirs):
        encoder.sort_keys = True
        encoder.item_separator = ";"
    assert ours.encode(SAMPLE) == theirs.encode(SAMPLE)
    if not hasattr(json.encoder, "c_make_encoder"):
        return  # PyPy's json computes the indent text at construction
    for encoder in (ours, theirs):
        encoder.indent = 1
    assert ours.encode(SAMPLE) == theirs.encode(SAMPLE)


def test_iterencode_is_lazy_like_jsons() -> None:
    chunks = pyjsonfast.JSONEncoder().iterencode(object())  # no error until iterated
    with pytest.raises(TypeError, match="is not JSON serializable"):
        list(chunks)


# --- decoders: json's classes on the parser, hooks captured at construction ---------


class StdDecoderWithHook(json.JSONDecoder):
    def __init__(self, **kw: Any) -> None:
        super().__init__(object_hook=self.hook, **kw)

    def hook(self, d: dict[str, Any]) -> Any:
        return sorted(d.items())


class OurDecoderWithHook(pyjsonfast.JSONDecoder):
    def __init__(self, **kw: Any) -> None:
        super().__init__(object_hook=self.hook, **kw)

    def hook(self, d: dict[str, Any]) -> Any:
        return sorted(d.items())


@pytest.mark.parametrize("cls", [StdDecoderWithHook, OurDecoderWithHook, json.JSONDecoder])
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"parse_float": Decimal, "parse_int": float},
        {"parse_constant": repr},
        {"object_pairs_hook": OrderedDict},
        {"strict": False},
    ],
)
def test_decoder_classes_give_jsons_values(cls: type[json.JSONDecoder], options: Any) -> None:
    doc = DOC.replace('"y"', '"t\tab"') if options.get("strict") is False else DOC
    expected = repr(json.loads(doc, cls=cls, **options))
    assert repr(pyjsonfast.loads(doc, cls=cls, **options)) == expected
    assert repr(pyjsonfast.loads(doc.encode(), cls=cls, **options)) == expected
    assert repr(pyjsonfast.load(io.StringIO(doc), cls=cls, **options)) == expected


@pytest.mark.skipif(
    getattr(json.scanner, "c_make_scanner", None) is None,
    reason="json has no C scanner here (PyPy): json's classes keep json's own decoder",
)
def test_json_decoder_subclass_runs_on_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = _decode_api.decode_document

    def spy(s: str | bytes, options: _decoder.Options) -> object:
        calls.append(s)
        return real(s, options)

    monkeypatch.setattr(_decode_api, "decode_document", spy)
    assert pyjsonfast.loads('{"b": 1, "a": 2}', cls=StdDecoderWithHook) == [("a", 2), ("b", 1)]
    assert pyjsonfast.loads(b"[1]", cls=json.JSONDecoder) == [1]
    assert calls == ['{"b": 1, "a": 2}', b"[1]"]


def test_errors_from_a_json_decoder_class_are_jsons() -> None:
    with pytest.raises(json.JSONDecodeError) as info:
        pyjsonfast.loads('{"a": [1,, 2]}', cls=StdDecoderWithHook)
    with pytest.raises(json.JSONDecodeError) as theirs:
        json.loads('{"a": [1,, 2]}', cls=StdDecoderWithHook)
    assert (info.value.msg, info.value.pos) == (theirs.value.msg, theirs.value.pos)


def test_attributes_set_after_construction_are_ignored_as_in_json() -> None:
    for cls in (json.JSONDecoder, pyjsonfast.JSONDecoder):
        decoder = cls()
        decoder.object_hook = lambda d: "hooked"
        decoder.parse_int = str
        decoder.strict = False
        assert decoder.decode('{"a": 1}') == {"a": 1}, cls
        assert decoder.raw_decode('{"a": 1} x') == ({"a": 1}, 8), cls
        with pytest.raises(json.JSONDecodeError):
            decoder.decode('"\t"')
        assert pyjsonfast.loads('{"a": 1}', cls=type(decoder)) == {"a": 1}

    class HookSetLate(json.JSONDecoder):
        def __init__(self, **kw: Any) -> None:
            super().__init__(**kw)
            self.object_hook = lambda d: "hooked"  # json ignores this

    assert pyjsonfast.loads('{"a": 1}', cls=HookSetLate) == json.loads('{"a": 1}', cls=HookSetLate)


def test_a_replaced_scanner_is_called_as_json_calls_it() -> None:
    class Replaced(pyjsonfast.JSONDecoder):
        def __init__(self, **kw: Any) -> None:
            super().__init__(**kw)
            self.object_hook = lambda d: "hooked"
            self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]

    assert pyjsonfast.loads('[{"a": 1}]', cls=Replaced) == ["hooked"]
    assert Replaced().decode('[{"a": 1}]') == ["hooked"]


def test_overridden_decode_is_called() -> None:
    class Wrapped(json.JSONDecoder):
        def decode(self, s: str, *args: Any, **kw: Any) -> Any:
            return ("wrapped", super().decode(s))

    assert pyjsonfast.loads(b"[1]", cls=Wrapped) == ("wrapped", [1])


def test_our_decoder_extensions() -> None:
    decoder = pyjsonfast.JSONDecoder(allow_nan=False, max_depth=1, reject_duplicate_keys=True)
    with pytest.raises(pyjsonfast.JSONDecodeError):
        decoder.decode("NaN")
    with pytest.raises(RecursionError):
        decoder.decode("[[1]]")
    with pytest.raises(pyjsonfast.JSONDecodeError, match="Duplicate key"):
        decoder.decode('{"a": 1, "a": 2}')


def test_gc_is_restored_when_a_hook_raises() -> None:
    big = "[" + ",".join(['{"a": [1, 2.5, "x"]}'] * 20_000) + "]"

    def hook(d: Any) -> Any:
        raise KeyError("from the hook")

    assert gc.isenabled()
    with pytest.raises(KeyError):
        pyjsonfast.loads(big, object_hook=hook)
    assert gc.isenabled()


# --- bad arguments: json's exception type, a message naming the argument -------------


# The same module without its types: these calls are wrong on purpose.
loose: Any = pyjsonfast
MYPYC_WORDING = ("object expected", "union[", "native", "got None", "takes at most")


@pytest.mark.parametrize(
    ("call", "kind", "names"),
    [
        (lambda: loose.dumps({}, foo=1), TypeError, "foo"),
        (lambda: loose.dump({}, io.StringIO(), foo=1), TypeError, "foo"),
        (lambda: loose.loads("{}", foo=1), TypeError, "foo"),
        (lambda: loose.load(io.StringIO("{}"), foo=1), TypeError, "foo"),
        (lambda: loose.dumps([1], separators=(",",)), ValueError, "separators"),
        (lambda: loose.dumps([1], separators=(",", ":", "")), ValueError, "separators"),
        (lambda: loose.dumps([1], separators=(1, 2)), TypeError, "separators"),
        (lambda: loose.dumps([1], separators=5), TypeError, "separators"),
        (lambda: loose.dumps([1], indent=2.0), TypeError, "indent"),
        (lambda: loose.dumps([1], indent=[2]), TypeError, "indent"),
        (lambda: loose.dump([1], io.StringIO(), indent=2.0), TypeError, "indent"),
        (lambda: loose.loads("[]", max_depth="3"), TypeError, "max_depth"),
        (lambda: loose.loads("[]", max_depth=2.0), TypeError, "max_depth"),
        (lambda: loose.loads("[]", max_depth=-1), ValueError, "max_depth"),
        (lambda: loose.JSONDecoder(max_depth=5000), ValueError, "max_depth"),
        (lambda: loose.loads(5), TypeError, "must be str, bytes or bytearray"),
        (lambda: loose.loads("{}", cls=json.JSONDecoder, max_depth=3), TypeError, "max_depth"),
    ],
)
def test_bad_arguments(call: Callable[[], object], kind: type[Exception], names: str) -> None:
    with pytest.raises(kind) as info:
        call()
    message = str(info.value)
    assert names in message
    assert not any(word in message for word in MYPYC_WORDING), message


@pytest.mark.parametrize(
    "kw",
    [{"foo": 1}, {"separators": (",",)}, {"indent": 2.0}, {"separators": (1, 2)}],
)
def test_bad_arguments_raise_jsons_exception_type(kw: dict[str, Any]) -> None:
    with pytest.raises(Exception) as theirs:
        json.dumps([1, {"a": 2}], **kw)
    with pytest.raises(Exception) as ours:
        loose.dumps([1, {"a": 2}], **kw)
    assert isinstance(ours.value, type(theirs.value))


def test_a_float_indent_given_to_the_encoder_class_is_a_type_error() -> None:
    # json (CPython) raises when encoding, PyPy's json when constructing: either way.
    with pytest.raises(TypeError):
        loose.JSONEncoder(indent=2.0).encode([1])


def test_hooks_that_are_not_callable_fail_as_in_json() -> None:
    hooks: list[dict[str, Any]] = [{"object_hook": 5}, {"parse_int": 5}, {"object_pairs_hook": 5}]
    for kw in hooks:
        with pytest.raises(TypeError) as theirs:
            json.loads('{"a": 1}', **kw)
        with pytest.raises(TypeError) as ours:
            loose.loads('{"a": 1}', **kw)
        assert str(ours.value) == str(theirs.value)


def test_truthy_flags_are_accepted_as_in_json() -> None:
    value = {"b": 1, "a": float("nan")}
    flags: Any = {"sort_keys": "yes", "allow_nan": 1, "ensure_ascii": [], "skipkeys": None}
    assert loose.dumps(value, **flags) == json.dumps(value, **flags)
    assert loose.loads('"\t"', strict=0) == json.loads('"\t"', strict=0)


def test_engine_entry_points_exist() -> None:
    # The public layer hands off to these; keep them importable by name.
    assert callable(_decode_api.decode_document) and callable(_encode_api.encode_with_options)
