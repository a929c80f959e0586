"""Numbers as sources write them: digits with separators, number words and scale words, turned into values."""

from __future__ import annotations

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen"]
UNITS += ["fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9}
ORDINAL_WORDS |= {"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15}
ORDINAL_WORDS |= {"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30}
ORDINAL_WORDS |= {"fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
SCALES |= {"mn": 1_000_000, "bn": 1_000_000_000, "dozen": 12}

_CARDINAL = "|".join(sorted(set(UNITS) | set(TENS) | {"dozen"}, key=len, reverse=True))
_ORDINAL = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_TENS = "|".join(TENS)
NUMBER_WORD = rf"(?:(?:{_TENS})-(?:{_ORDINAL}|{'|'.join(UNITS[1:10])})|{_ORDINAL}|{_CARDINAL})"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
SCALE = r"(?:hundred|thousand|million|billion|trillion|mn|bn)"


def word_value(word: str) -> tuple[int, bool] | None:
    """The value of a number word ("twenty-fifth" -> (25, True)) and whether it is an ordinal."""
    word = word.lower()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word], True
    if word in UNITS:
        return UNITS.index(word), False
    if word in TENS:
        return TENS[word], False
    if word == "dozen":
        return 12, False
    tens, _, unit = word.partition("-")
    if tens in TENS:
        if unit in ORDINAL_WORDS:
            return TENS[tens] + ORDINAL_WORDS[unit], True
        if unit in UNITS[1:10]:
            return TENS[tens] + UNITS.index(unit), False
    return None


def digits_value(text: str) -> int | float:
    number = float(text.replace(",", ""))
    return int(number) if number.is_integer() and "." not in text else number


def scaled(value: int | float, scale: str | None) -> int | float:
    if not scale:
        return value
    result = value * SCALES[scale.lower()]
    return int(result) if float(result).is_integer() else result
