"""The compiled build's scanner: the parser's inner loops 8 bytes at a time.

WordScanner (SCANNER when mypyc compiled the package, see _scanner's
choose_scanner) reads words with librt's read_i64_le: string runs, whitespace,
digits and the structure the stream decoder looks for, by word tricks; object
keys from a cache looked up by their raw bytes, shared by all parses
(KeyCacheEntry), and short string values (up to 16 bytes) likewise from
another (ShortString); and, in each parse of a document of KEY_GUESS_MIN_BYTES or
more, each key first guessed as one of the three that followed the previous
key most recently, and the indentation before it as the previous key's. Anything
unusual (escapes, errors) goes to the base Scanner's general code, which gives
the same results.
"""

from __future__ import annotations

from ._buffer import COMPILED, read_i64_le
from ._scanner import (
    COLON,
    NEWLINE,
    QUOTE,
    RETURN,
    SPACE,
    TAB,
    Scanner,
)
from ._words import BACKSLASHES, HIGH_BITS, ONES, QUOTES, SPACES, low_bytes, lowest_flagged_byte

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Final, final

    from mypy_extensions import i64

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._decoder import Parser

__all__ = [
    "KeyCacheEntry",
    "ShortString",
    "WordScanner",
    "same_middle",
    "word_hash",
]

KEY_CACHE_BITS: Final = 11
KEY_CACHE_SIZE: Final = 2048  # 2**KEY_CACHE_BITS
KEY_CACHE_MAX_LENGTH: Final = 64  # bytes
# Short string values (1-16 bytes: two words) are shared from a cache of their own.
SHORT_STRING_MAX_LENGTH: Final = 16
SHORT_STRING_BITS: Final = 10
SHORT_STRING_SLOTS: Final = 1024  # 2**SHORT_STRING_BITS
# A parse stops looking short values up once its misses outnumber its hits by
# this many: a miss costs ~120 instructions more than a slice (~250), so a
# document of distinct short values (ids, say) pays for a few hundred only.
SHORT_STRING_MISS_ALLOWANCE: Final = 256
WORD_PADDING: Final = b"\x00" * 8  # after a key's bytes, so that a word can be read
# Compiled, documents at least this long get a scanner of their own, which
# guesses keys (WordScanner.object_key); shorter ones repeat too few keys.
KEY_GUESS_MIN_BYTES: Final = 1024

# The word masks: a byte repeated 8 times, built at run time (mypyc keeps i64
# literals beyond 2**62 boxed).
NO_SIGN_BIT: Final = read_i64_le(b"\xff" * 7 + b"\x7f", 0)
QUESTION_MARKS: Final = read_i64_le(b"?" * 8, 0)
HIGH_NIBBLES: Final = read_i64_le(b"\xf0" * 8, 0)
CONTINUATION_BITS: Final = read_i64_le(b"\x40" * 8, 0)
# '[' and ']' with bit 5 set are '{' and '}' (and no other byte becomes either).
OPEN_BRACES: Final = read_i64_le(b"{" * 8, 0)
CLOSE_BRACES: Final = read_i64_le(b"}" * 8, 0)


@final
class KeyCacheEntry:
    """A cached key: its first and last 8 bytes as words (the first masked to
    the key's own bytes by mask), its length, and (for keys longer than 16
    bytes, whose middle those words miss) its bytes; the entries of the three
    keys that followed it most recently (guesses: successor, alternate, third);
    and whether it has left the table (another entry took its slot: it never
    comes back)."""

    def __init__(self, head: i64, tail: i64, mask: i64, length: i64, raw: bytes, key: str) -> None:
        self.head = head
        self.tail = tail
        self.mask = mask
        self.length = length
        self.raw = raw
        self.key = key
        self.successor: KeyCacheEntry | None = None
        # The successor before: objects of two kinds (or with an optional key)
        # alternate after some keys (7-15 % of the corpus's keys).
        self.alternate: KeyCacheEntry | None = None
        # The one before that: objects of a third kind, or an optional key after
        # an optional key (github: 12 % of keys, twitter 5 %, else missed).
        self.third: KeyCacheEntry | None = None
        # Read by guesses instead of the table: a flag costs no list lookup
        # and no reference counting (2-4 % of key-heavy loads).
        self.evicted = False

    def follows(self, entry: KeyCacheEntry) -> None:
        """entry's key has just followed this one: it becomes the successor,
        and the guesses it passes move down one (each entry once)."""
        if entry is not self.successor:
            if entry is not self.alternate:
                self.third = self.alternate
            self.alternate = self.successor
            self.successor = entry

    def holds(self, head: i64, tail: i64, length: i64, data: bytes, start: i64) -> bool:
        """Whether this is the key whose bytes start at data[start] (and have the
        given first and last words and length)."""
        return (
            self.head == head
            and self.tail == tail
            and self.length == length
            and (length <= 16 or same_middle(data, start, self.raw))
        )


@final
class ShortString:
    """A cached short string value: its first and last 8 bytes as words (the
    first with the bytes past a shorter string's length zeroed; the last 0 for
    such a string), its length, and the str it stands for. A slot's entry is
    rewritten when another value takes the slot."""

    def __init__(self, head: i64, tail: i64, length: i64, text: str) -> None:
        self.head = head
        self.tail = tail
        self.length = length
        self.text = text


@final
class WordScanner(Scanner):
    """Compiled: 8 bytes at a time, a key cache looked up by raw bytes, typed floats.

    mypyc compiles i64 arithmetic to plain C on int64_t, where overflow is
    undefined behaviour (CPython happens to build extensions with -fwrapv, a flag,
    not a promise), so no sum, difference, product or left shift here ever leaves
    the i64 range: subtractions run on words without their sign bit, byte indexes
    are counted with shifts and adds instead of a multiply, and the key hash
    multiplies 32-bit values by factors below 2**30. (The sanitizers session runs
    the tests with UBSan and -fno-wrapv to hold it to that.) The word masks are
    attributes built at run time: mypyc keeps i64 literals beyond 2**62 boxed.
    """

    def __init__(self, shared: WordScanner | None = None) -> None:
        """SCANNER (shared is None), or the scanner of one parse: shared's key
        cache, and key guesses of its own (see object_key)."""
        # The masks, copied into attributes: hot loops read them from self
        # (module-level i64 constants are reloaded and checked at every use).
        self.ones = ONES
        self.high_bits = HIGH_BITS
        self.no_sign_bit = NO_SIGN_BIT
        self.quotes = QUOTES
        self.backslashes = BACKSLASHES
        self.spaces = SPACES
        self.control_limit = SPACES
        self.question_marks = QUESTION_MARKS
        self.high_nibbles = HIGH_NIBBLES
        self.continuation_bits = CONTINUATION_BITS
        self.open_braces = OPEN_BRACES
        self.close_braces = CLOSE_BRACES
        # One slot per hash; a slot is replaced whole, so readers in other
        # threads see either the old entry or the new one.
        self.key_table: list[KeyCacheEntry | None] = (
            [None] * KEY_CACHE_SIZE if shared is None else shared.key_table
        )
        # Short string values, by their words: one slot per hash (see
        # short_string).
        self.short_strings: list[ShortString | None] = (
            [None] * SHORT_STRING_SLOTS if shared is None else shared.short_strings
        )
        # Hits less misses, plus the allowance: the cache is used while above 0,
        # by a parse's own scanner only (SCANNER's count would be every thread's).
        self.short_credit: i64 = 0 if shared is None else SHORT_STRING_MISS_ALLOWANCE
        # Only a parse's own scanner guesses keys (see object_key), from the
        # entry of the last key it read. (SCANNER, shared by threads, never
        # does: the last key read belongs to one parse.)
        self.guessing = shared is not None
        self.last_entry: KeyCacheEntry | None = None
        # The whitespace before the last key, when a line break and spaces: how
        # many spaces (see object_key).
        self.key_indent: i64 = 0

    def for_document(self, data: bytes) -> Scanner:
        if len(data) < KEY_GUESS_MIN_BYTES:
            return self
        return WordScanner(self)

    def object_key(self, parser: Parser, i: i64) -> tuple[str, i64, i64]:
        # Objects of one kind repeat their keys in order: the key that followed
        # the previous key last time (its cache entry's successor), then the
        # ones before it (alternate, third), are checked by their words,
        # instead of found, hashed and looked up.
        if not self.guessing:
            return Scanner.object_key(self, parser, i)
        data = parser.data
        end = parser.end
        c: i64 = data[i] if i < end else 0
        if c <= SPACE:
            if c == SPACE and i + 1 < end and data[i + 1] > SPACE:
                i += 1  # ', "', inline: json.dumps puts one space before each key but the first
                c = data[i]
            else:
                # Indented: a line break and as many spaces as before the last
                # key (of the same object, mostly), checked inline a word at a
                # time; else skip_whitespace, whose run is learnt.
                stop = i + 1 + self.key_indent
                indented = False
                if c == NEWLINE and stop + 8 <= end and data[stop] > SPACE:
                    spaces = self.spaces
                    k = i + 1
                    while k + 8 <= stop and read_i64_le(data, k) == spaces:
                        k += 8
                    tail = stop - k  # below 8 when every word held spaces
                    if tail < 8:
                        indented = ((read_i64_le(data, k) ^ spaces) & low_bytes(tail)) == 0
                if indented:
                    i = stop
                    c = data[i]
                else:
                    after = self.skip_whitespace(data, i, end)
                    self.key_indent = after - i - 1
                    i = after
                    c = data[i] if i < end else 0
        last = self.last_entry
        if c == QUOTE and last is not None:
            start = i + 1
            entry = last.successor
            if entry is None or not self.key_at(entry, data, start, end):
                entry = self.second_guess(last, data, start, end)
            if entry is not None:
                self.last_entry = entry
                i = start + entry.length + 2
                if i < end and data[i] <= SPACE:
                    if i + 1 < end and data[i] == SPACE and data[i + 1] > SPACE:
                        i += 1  # '": "', inline: most keys are followed by one space
                    else:
                        i = self.skip_whitespace(data, i, end)
                return entry.key, start - 1, i
        # The general way; key() learns from last (and sets last_entry) for a
        # key the cache holds, and any other leaves no guess for the next.
        self.last_entry = last
        key, key_at, after = Scanner.object_key(self, parser, i)
        if self.last_entry is last:
            self.last_entry = None
        return key, key_at, after

    def string(self, parser: Parser, start: i64) -> tuple[str, i64]:
        data = parser.data
        end = parser.end
        stop = self.string_stop(data, start, end)
        if stop < end and data[stop] == QUOTE:
            length = stop - start
            if 0 < length <= SHORT_STRING_MAX_LENGTH and start + 8 <= end and self.short_credit > 0:
                return self.short_string(parser, data, start, length), stop + 1
            return parser.chunk(start, stop), stop + 1
        return parser.parse_string_slowly(start, stop)

    def short_string(self, parser: Parser, data: bytes, start: i64, length: i64) -> str:
        """The plain string value data[start:start + length], 1-16 bytes: from
        the cache when it holds those bytes, as short values repeat (twitter's
        2,279 are 391 distinct strings): no slice or decode, and no new object."""
        head = read_i64_le(data, start)
        if length < 8:
            head &= low_bytes(length)
            tail: i64 = 0
        else:
            tail = read_i64_le(data, start + length - 8)
        # One slot (a value's object need not be the same every time).
        mixed = word_hash(head, tail, length)
        slot = (mixed >> (32 - SHORT_STRING_BITS)) & (SHORT_STRING_SLOTS - 1)
        table = self.short_strings
        entry = table[slot]
        if (
            entry is not None
            and entry.head == head
            and entry.tail == tail
            and entry.length == length
        ):
            self.short_credit += 1
            return entry.text
        self.short_credit -= 1
        text = parser.chunk(start, start + length)
        # Never cached with a "?", as keys (see key_entry): a hit then always
        # means equal text.
        if not self.has_question_mark(data, start, start + length):
            if entry is None:
                table[slot] = ShortString(head, tail, length, text)
            else:
                # Rewritten in place: a miss allocates nothing (documents of
                # distinct short values miss every time). No Python code runs
                # between these stores, so with the GIL no thread sees half.
                entry.head = head
                entry.tail = tail
                entry.length = length
                entry.text = text
        return text

    def second_guess(
        self, last: KeyCacheEntry, data: bytes, start: i64, end: i64
    ) -> KeyCacheEntry | None:
        """last's alternate, else its third, if its key is at data[start] (it then
        becomes the successor, the latest, and the others move down), else None."""
        entry = last.alternate
        if entry is None or not self.key_at(entry, data, start, end):
            entry = last.third
            if entry is None or not self.key_at(entry, data, start, end):
                return None
        last.follows(entry)
        return entry

    def key_at(self, entry: KeyCacheEntry, data: bytes, start: i64, end: i64) -> bool:
        """Whether entry's key, its closing quote and a colon are at data[start:]
        (before end, and 8 bytes from start, which read_i64_le needs), and entry
        is still in the cache (not evicted), so that this parse gets one object
        per key (see key())."""
        length = entry.length
        stop = start + length
        return (
            stop + 1 < end
            and start + 8 <= end
            and (read_i64_le(data, start) & entry.mask) == entry.head
            and data[stop] == QUOTE
            and data[stop + 1] == COLON
            and (
                length <= 8
                or (
                    read_i64_le(data, stop - 8) == entry.tail
                    and (length <= 16 or same_middle(data, start, entry.raw))
                )
            )
            and not entry.evicted
        )

    def string_stop(self, data: bytes, i: i64, end: i64) -> i64:
        ones = self.ones
        high = self.high_bits
        no_sign_bit = self.no_sign_bit
        quotes = self.quotes
        backslashes = self.backslashes
        control_limit = self.control_limit
        while i + 8 <= end:
            word = read_i64_le(data, i)
            # The "has a byte below n" test, (x - n*ones) & ~x & high, for bytes
            # < 0x20 in word and zero bytes in word ^ quotes and word ^ backslashes.
            # It never misses one; a false alarm only sits above a true one. The
            # subtractions take the word without its sign bit, so they cannot
            # overflow; that changes only their bit 63, which & ~word clears
            # wherever the word had it (no byte >= 0x80 is special).
            low = word & no_sign_bit
            special = (
                ((low - control_limit) | ((low ^ quotes) - ones) | ((low ^ backslashes) - ones))
                & ~word
                & high
            )
            if special != 0:
                return i + lowest_flagged_byte((special >> 7) & ones)  # the lowest mark is true
            i += 8
        return Scanner.string_stop(self, data, i, end)  # the last bytes, one by one

    def structure_stop(self, data: bytes, i: i64, end: i64) -> i64:
        ones = self.ones
        high = self.high_bits
        no_sign_bit = self.no_sign_bit
        quotes = self.quotes
        case_bits = self.spaces  # 0x20 in every byte
        opens = self.open_braces
        closes = self.close_braces
        while i + 8 <= end:
            word = read_i64_le(data, i)
            # Zero bytes in word ^ quotes, and in (word | 0x20s) ^ braces, tested
            # as in string_stop (without the sign bit: no overflow); the lowest
            # mark is a true one.
            low = word & no_sign_bit
            folded = low | case_bits
            special = (
                (((low ^ quotes) - ones) | ((folded ^ opens) - ones) | ((folded ^ closes) - ones))
                & ~word
                & high
            )
            if special != 0:
                return i + lowest_flagged_byte((special >> 7) & ones)
            i += 8
        return Scanner.structure_stop(self, data, i, end)  # the last bytes, one by one

    def count_newlines(self, data: bytes, start: i64, end: i64) -> i64:
        return data.count(b"\n", start, end)  # C; one-line JSON has none

    def count_continuation_bytes(self, data: bytes, start: i64, end: i64) -> i64:
        ones = self.ones
        sixes = self.continuation_bits  # 0x40 in every byte
        count: i64 = 0
        i = start
        while i + 8 <= end:
            word = read_i64_le(data, i)
            # 10xxxxxx: bit 7 set (shifted down onto bit 6) and bit 6 clear. A
            # right shift: a left one could pass 2**63.
            marks = (word >> 1) & ~word & sixes
            if marks != 0:
                flags = (marks >> 6) & ones  # 0x01 per continuation byte: sum them
                flags += flags >> 32
                flags += flags >> 16
                count += (flags + (flags >> 8)) & 0xFF
            i += 8
        while i < end:
            if 0x80 <= data[i] < 0xC0:
                count += 1
            i += 1
        return count

    def eight_digits(self, data: bytes, i: i64) -> i64:
        # Eight ASCII digits at once (the SWAR test and conversion simdjson uses):
        # a byte is a digit when its high nibble is 3 and its low nibble plus 6
        # stays below 16.
        word = read_i64_le(data, i)
        high = self.high_nibbles
        digits = word & 0x0F0F0F0F0F0F0F0F
        if ((word & high) ^ 0x3030303030303030) | ((digits + 0x0606060606060606) & high) != 0:
            return -1
        # Pairs, then quads, then all eight (the first digit is the lowest byte);
        # every product stays below 2**63.
        pairs = (digits * 10 + (digits >> 8)) & 0x00FF00FF00FF00FF
        quads = (pairs * 100 + (pairs >> 16)) & 0x0000FFFF0000FFFF
        return (quads * 10000 + (quads >> 32)) & 0xFFFFFFFF

    def skip_whitespace(self, data: bytes, i: i64, end: i64) -> i64:
        if i + 1 < end and data[i] == SPACE and data[i + 1] > SPACE:
            return i + 1  # one space, as after ", " (the parser calls only on whitespace)
        # Indentation is a line break and a run of spaces: step over the break,
        # then find the first byte that is not a space 8 at a time and look at it.
        if i < end and data[i] == NEWLINE:
            i += 1
        ones = self.ones
        spaces = self.spaces
        while i + 8 <= end:
            not_space = read_i64_le(data, i) ^ spaces
            if not_space == 0:
                i += 8
                continue
            if (not_space & 0xFF) == 0:
                # Flag the non-zero bytes exactly, each byte's bits or-ed into its
                # lowest (shifts and ors: nothing carries), and step to the
                # lowest, as lowest_flagged_byte does (inlined: hot).
                folded = not_space | (not_space >> 4)
                folded |= folded >> 2
                flags = (folded | (folded >> 1)) & ones
                below = (flags - 1) & ~flags & ones
                below += below >> 32
                below += below >> 16
                i += (below + (below >> 8)) & 0xFF
            c: i64 = data[i]
            if c > SPACE or (c != NEWLINE and c != RETURN and c != TAB):
                return i
            i += 1
        return Scanner.skip_whitespace(self, data, i, end)  # the last bytes, one by one

    def key(self, parser: Parser, start: i64, stop: i64) -> str:
        length = stop - start
        if length == 0 or length > KEY_CACHE_MAX_LENGTH:
            return parser.shared_key(parser.chunk(start, stop))
        if start + 8 <= parser.end:
            entry = self.key_entry(parser, parser.data, start, stop, None)
            if entry is None:
                return parser.shared_key(parser.chunk(start, stop))
        else:
            # Near the end: its bytes padded, so that 8 can be read (a key the
            # cache holds must come from it wherever it is met).
            text = parser.chunk(start, stop)
            entry = self.key_entry(parser, parser.data[start:stop] + WORD_PADDING, 0, length, text)
            if entry is None:
                return parser.shared_key(text)
        if self.guessing:
            # Learn: this key follows the last one (see object_key).
            last = self.last_entry
            if last is not None:
                last.follows(entry)
            self.last_entry = entry
        return entry.key

    def escaped_key(self, parser: Parser, key: str) -> str:
        # Its plain occurrences may come from the cache, without the memo: a
        # key with a plain form is looked up (or added) there too.
        shared = parser.memo.get(key)
        if shared is not None:
            return shared
        raw = key.encode("utf-8", "surrogatepass")
        length: i64 = len(raw)
        if 0 < length <= KEY_CACHE_MAX_LENGTH:
            padded = raw + WORD_PADDING
            if self.string_stop(padded, 0, length) == length:  # no quote, backslash or control
                entry = self.key_entry(parser, padded, 0, length, key)
                if entry is not None:
                    key = entry.key
        parser.memo[key] = key
        return key

    def key_entry(
        self, parser: Parser, data: bytes, start: i64, stop: i64, text: str | None
    ) -> KeyCacheEntry | None:
        """The cache entry of the key whose UTF-8 (plain: no escapes) is
        data[start:stop], 0 < stop - start <= KEY_CACHE_MAX_LENGTH and 8 bytes
        readable from start, added on a miss; None for a key the cache does not
        hold. text: the key, when data is not the document's."""
        length = stop - start
        head = read_i64_le(data, start)
        mask: i64 = -1
        if length >= 8:
            tail = read_i64_le(data, stop - 8)
        else:
            # Keep only the key's own bytes, the low `length` ones.
            mask = low_bytes(length)
            head &= mask
            tail = 0
        # Two slots from the well mixed bits of the hash (2-way, so keys whose
        # first slots collide are both cached).
        mixed = word_hash(head, tail, length)
        table = self.key_table
        first_slot = (mixed >> (32 - KEY_CACHE_BITS)) & (KEY_CACHE_SIZE - 1)
        entry = table[first_slot]
        if entry is not None and entry.holds(head, tail, length, data, start):
            return entry
        second_slot = (mixed >> 42) & (KEY_CACHE_SIZE - 1)
        other = table[second_slot]
        if other is not None and other.holds(head, tail, length, data, start):
            return other
        # A "?" may stand for any non-ASCII character in a str's projection, so
        # keys holding one are never cached: a hit then always means equal text.
        if self.has_question_mark(data, start, stop):
            return None
        # A miss: the document's own memo keeps one object per key (a key seen
        # before may have left the cache since). The cache is shared by all
        # parses: an entry a parse evicts goes to its memo, since earlier hits
        # (and guesses, which only follow entries still in the table) may have
        # returned that entry's object.
        key = parser.shared_key(parser.chunk(start, stop) if text is None else text)
        raw = data[start:stop] if length > 16 else b""
        slot = first_slot
        if entry is not None:
            if other is None:
                slot = second_slot
            else:
                parser.shared_key(entry.key)
                entry.evicted = True
        added = KeyCacheEntry(head, tail, mask, length, raw, key)
        table[slot] = added
        return added

    def has_question_mark(self, data: bytes, start: i64, stop: i64) -> bool:
        """Whether data[start:stop] holds a "?" (given start + 8 <= len(data))."""
        question_marks = self.question_marks
        length = stop - start
        if length < 8:
            # Only the key's own bytes, the low `length` ones (a false mark sits
            # above a true one, so none is left without a true one).
            marks = self.zero_bytes(read_i64_le(data, start) ^ question_marks)
            return (marks & low_bytes(length)) != 0
        k = start
        while k + 8 < stop:
            if self.zero_bytes(read_i64_le(data, k) ^ question_marks) != 0:
                return True
            k += 8
        return self.zero_bytes(read_i64_le(data, stop - 8) ^ question_marks) != 0

    def zero_bytes(self, word: i64) -> i64:
        """Non-zero exactly when word has a zero byte: the top bit of each zero
        byte set (and maybe of bytes above one: a false mark only ever sits above
        a true one). The classic (x - ones) & ~x & high, on x without its sign bit
        as in string_stop."""
        return ((word & self.no_sign_bit) - self.ones) & ~word & self.high_bits


def word_hash(head: i64, tail: i64, length: i64) -> i64:
    """A hash of a string of length bytes whose first and last words are head
    and tail: multiplicative hashing in 32 bits (the products stay below 2**63),
    the words folded to 32 bits and combined. Slots come from its bits 21 and
    up, the well mixed ones."""
    low32: i64 = 0xFFFFFFFF
    folded = (
        ((head ^ (head >> 29)) & low32) * 0x2545F491 + ((tail ^ (tail >> 32)) & low32) + length
    ) & low32
    return folded * 0x1B873593


def same_middle(data: bytes, start: i64, raw: bytes) -> bool:
    """Whether data[start:] begins with raw, given that their first and last 8
    bytes already match (len(raw) > 16)."""
    last = len(raw) - 8
    k: i64 = 8
    while k < last:
        if read_i64_le(data, start + k) != read_i64_le(raw, k):
            return False
        k += 8
    return True
