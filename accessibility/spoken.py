"""What the kiosk's voice says for what the screen shows: numbers, money, dates, long digit
strings and abbreviations read the way an Indonesian (or, on the English screen, an English)
listener expects. No Qt.

    reading("Gaji Rp 3.500.000 per bulan", "id")
        -> "Gaji tiga juta lima ratus ribu rupiah per bulan"
    reading("Rp 3.000.000 – Rp 4.000.000", "id") -> "tiga juta sampai empat juta rupiah"
    reading("Lulusan SMA/SMK", "id") -> "Lulusan es em a atau es em ka"
    reading("0812-3456-7890", "id") -> "nol delapan satu dua, tiga empat lima enam, ..."

Number words come from num2words (lang "id"/"en"), with one fix: it says "satu ribu" for a
thousands group of one after juta or miliar, where Indonesian says "seribu" ("satu juta seribu").
Digit groups are as kiosk.formatting writes them: "3.500.000" and "3,5" in Indonesian,
"3,500,000" and "3.5" in English. A string of 8 or more digits (a NIK, a phone number, a
registration number) is read digit by digit in groups of four, as people read them aloud.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from num2words import num2words

_DIGITS = {
    "id": "nol satu dua tiga empat lima enam tujuh delapan sembilan".split(),
    "en": "zero one two three four five six seven eight nine".split(),
}
_MONTHS_ID = ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November "
              "Desember").split()
_MONTHS_EN = ("January February March April May June July August September October November "
              "December").split()
_SCALES = {"id": {"ribu": "ribu", "rb": "ribu", "juta": "juta", "jt": "juta", "miliar": "miliar",
                  "m": "miliar"},
           "en": {"thousand": "thousand", "million": "million", "billion": "billion"}}
_CURRENCY = {"id": "rupiah", "en": "rupiah"}
_TO = {"id": "sampai", "en": "to"}
_PERCENT = {"id": "persen", "en": "percent"}

# Spelled in Indonesian letter names (es, em, a), so the voice does not guess at a word.
_ABBREVIATIONS_ID = {
    "SD": "es de", "SMP": "es em pe", "SMA": "es em a", "SMK": "es em ka", "SLTA": "es el te a",
    "SLTP": "es el te pe", "MA": "em a", "MTs": "em te es",
    "D1": "de satu", "D2": "de dua", "D3": "de tiga", "D4": "de empat", "S1": "es satu",
    "S2": "es dua", "S3": "es tiga", "RT/RW": "er te er we", "RT": "er te", "RW": "er we",
    "PT": "pe te", "CV": "se ve", "UD": "u de", "KTP": "ka te pe", "AK1": "a ka satu",
    "AK/I": "a ka satu", "UMK": "u em ka", "UMR": "u em er", "BPJS": "be pe je es",
    "NPWP": "en pe we pe", "SIM": "sim", "WIB": "we i be", "KBJI": "ka be je i",
    "NIK": "nik", "HP": "ha pe", "WA": "we a", "Rp": "rupiah", "dll": "dan lain-lain",
    "dsb": "dan sebagainya", "Jl.": "jalan", "Jln.": "jalan", "No.": "nomor", "Kec.": "kecamatan",
    "Kel.": "kelurahan", "Kab.": "kabupaten", "thn": "tahun", "th": "tahun", "bln": "bulan",
    "yg": "yang", "min.": "minimal", "maks.": "maksimal", "&": "dan",
}
_ABBREVIATIONS_EN = {
    "SD": "primary school", "SMP": "junior high school", "SMA": "senior high school",
    "SMK": "vocational high school", "D3": "diploma three", "S1": "bachelor's degree",
    "S2": "master's degree", "S3": "doctorate", "RT/RW": "R T, R W", "KTP": "identity card",
    "AK1": "A K one card", "UMK": "city minimum wage", "NIK": "N I K", "PT": "P T",
    "CV": "C V", "Rp": "rupiah", "WIB": "western Indonesian time", "&": "and",
}


def words(n: int | float, lang: str = "id") -> str:
    """`n` in words: 3500000 -> "tiga juta lima ratus ribu"; 3.5 -> "tiga koma lima"."""
    lang = "en" if lang == "en" else "id"
    text = str(num2words(n, lang=lang))
    if lang == "id":
        text = re.sub(r"(^|juta |miliar |triliun )satu ribu", r"\1seribu", text)
    else:
        text = text.replace(",", "").replace("-", " ")
    return text


def digits(text: str, lang: str = "id", group: int = 4) -> str:
    """Digits read one by one in groups: "08123" -> "nol delapan satu dua, tiga"."""
    names = _DIGITS["en" if lang == "en" else "id"]
    ds = [names[int(c)] for c in text if c.isdigit()]
    return ", ".join(" ".join(ds[i:i + group]) for i in range(0, len(ds), group))


def reading(text: str, lang: str = "id") -> str:
    """`text` as the voice should say it in `lang` ("id" or "en"); see the module docstring."""
    lang = "en" if lang == "en" else "id"
    for rule in _RULES:
        text = rule(text, lang)
    return " ".join(text.split())


# -- the rules, applied in order -------------------------------------------------------------

def _amount(digits_text: str, lang: str) -> float | int:
    """A number as the screen writes it in `lang` ("3.500.000", "3,5" / "3,500,000", "3.5")."""
    thousands, decimal = (".", ",") if lang == "id" else (",", ".")
    whole, _sep, frac = digits_text.partition(decimal)
    whole = whole.replace(thousands, "")
    if frac.strip("0"):
        return float(f"{whole}.{frac}")
    return int(whole)


def _number_words(value: float | int, lang: str) -> str:
    return words(value, lang)


_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE_WORDS = r"juta|jt|ribu|rb|miliar|million|thousand|billion"
_MONEY = rf"Rp\.?\s?(?P<a>{_NUM})(?:\s?(?P<sa>{_SCALE_WORDS})\b)?"
_RANGE_RE = re.compile(_MONEY + r"\s*[-–—]\s*(?:Rp\.?\s?)?"
                       + rf"(?P<b>{_NUM})(?:\s?(?P<sb>{_SCALE_WORDS})\b)?")
_MONEY_RE = re.compile(_MONEY)


def _scaled(number: str, scale: str | None, lang: str) -> str:
    spoken = _number_words(_amount(number, lang), lang)
    if scale:
        spoken += " " + _SCALES["id"].get(scale, _SCALES["en"].get(scale, scale))
    return spoken


def _money_ranges(text: str, lang: str) -> str:
    def say(m: re.Match[str]) -> str:
        low = _scaled(m["a"], m["sa"], lang)
        high = _scaled(m["b"], m["sb"], lang)
        return f"{low} {_TO[lang]} {high} {_CURRENCY[lang]}"

    return _RANGE_RE.sub(say, text)


def _money(text: str, lang: str) -> str:
    return _MONEY_RE.sub(lambda m: f"{_scaled(m['a'], m['sa'], lang)} {_CURRENCY[lang]}", text)


_PER_RE = re.compile(r"\s?/\s?(bulan|bln|jam|hari|minggu|tahun|thn|month|hour|day|week|year)\b")


def _per_unit(text: str, lang: str) -> str:
    unit = {"bln": "bulan", "thn": "tahun"}
    return _PER_RE.sub(lambda m: f" per {unit.get(m[1], m[1])}", text)


_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
_MONTH_NAMES = "|".join(_MONTHS_ID + _MONTHS_EN)
_WRITTEN_DATE_RE = re.compile(rf"\b(\d{{1,2}}) ({_MONTH_NAMES}) (\d{{4}})\b")
_EN_DATE_RE = re.compile(rf"\b({_MONTH_NAMES}) (\d{{1,2}}), (\d{{4}})\b")


def _dates(text: str, lang: str) -> str:
    months = _MONTHS_ID if lang == "id" else _MONTHS_EN

    def spoken(day: int, month: int, year: int) -> str:
        if lang == "en":
            day_words = str(num2words(day, lang="en", to="ordinal")).replace("-", " ")
            return f"{months[month - 1]} {day_words}, {_year_en(year)}"
        return f"{words(day)} {months[month - 1]} {words(year)}"

    def numeric(m: re.Match[str]) -> str:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return m[0]
        return spoken(day, month, year)

    def month_index(name: str) -> int:
        return (_MONTHS_ID.index(name) if name in _MONTHS_ID else _MONTHS_EN.index(name)) + 1

    text = _NUMERIC_DATE_RE.sub(numeric, text)
    text = _WRITTEN_DATE_RE.sub(lambda m: spoken(int(m[1]), month_index(m[2]), int(m[3])), text)
    return _EN_DATE_RE.sub(lambda m: spoken(int(m[2]), month_index(m[1]), int(m[3])), text)


def _year_en(year: int) -> str:
    return str(num2words(year, lang="en", to="year")).replace("-", " ")


_TIME_RE = re.compile(r"\b([01]?\d|2[0-3])[.:]([0-5]\d)(?=\s*(?:WIB|[-–]|$|\s(?:sampai|to)\b))")


def _times(text: str, lang: str) -> str:
    def say(m: re.Match[str]) -> str:
        hour, minute = int(m[1]), int(m[2])
        if lang == "en":
            return f"{words(hour, 'en')} {words(minute, 'en') if minute else 'o clock'}"
        return f"pukul {words(hour)}" + (f" {words(minute)}" if minute else "")

    text = _TIME_RE.sub(say, text)
    return re.sub(r"(pukul [a-z ]+?)\s?[-–]\s?(?=pukul)", rf"\1 {_TO[lang]} ", text)


_ADDRESS_RE = re.compile(r"\bRT\s?/\s?RW\.?\s?(\d{1,3})\s?/\s?(\d{1,3})\b")


def _rt_rw(text: str, lang: str) -> str:
    """"RT/RW 003/005" -> "RT 3 RW 5", as residents say their neighbourhood."""
    return _ADDRESS_RE.sub(lambda m: f"RT {int(m[1])} RW {int(m[2])}", text)


def _number_ranges(text: str, lang: str) -> str:
    """"18-35 tahun" -> "18 sampai 35 tahun" (dates and phone numbers are read already)."""
    return re.sub(rf"(?<![\w.,])({_NUM})\s?[-–]\s?({_NUM})(?![\w])", rf"\1 {_TO[lang]} \2", text)


# A NIK (16 digits), a phone number (+62 / 08..., maybe with dashes or spaces), a long number.
_LONG_DIGITS_RE = re.compile(r"(?<![\d.,])(\+62[\s-]?|0)?\d(?:[\s-]?\d){7,}(?![\d.,])")


def _long_digits(text: str, lang: str) -> str:
    def say(m: re.Match[str]) -> str:
        raw = m[0]
        plus = "plus " if raw.startswith("+") else ""
        return plus + digits(raw.lstrip("+"), lang) + ","

    return _LONG_DIGITS_RE.sub(say, text)


def _percent(text: str, lang: str) -> str:
    return re.sub(rf"({_NUM})\s?%", lambda m: f"{m[1]} {_PERCENT[lang]}", text)


def _abbreviations(text: str, lang: str) -> str:
    table = _ABBREVIATIONS_ID if lang == "id" else _ABBREVIATIONS_EN
    for short in sorted(table, key=len, reverse=True):
        pattern = rf"(?<!\w){re.escape(short)}" + (r"(?!\w)" if short[-1].isalnum() else "")
        text = re.sub(pattern, table[short].replace("\\", "\\\\"), text)
    return text


def _slashes(text: str, lang: str) -> str:
    """"SMA/SMK" -> "SMA atau SMK" (after RT/RW and AK/I were read)."""
    return re.sub(r"(?<=\w)\s?/\s?(?=\w)", " atau " if lang == "id" else " or ", text)


def _numbers(text: str, lang: str) -> str:
    def say(m: re.Match[str]) -> str:
        try:
            return _number_words(_amount(m[0], lang), lang)
        except ValueError:
            return m[0]

    return re.sub(rf"(?<![\w]){_NUM}(?![\w])", say, text)


_RULES: tuple[Callable[[str, str], str], ...] = (
    _money_ranges, _money, _per_unit, _dates, _times, _rt_rw, _long_digits, _number_ranges,
    _percent, _abbreviations, _slashes, _numbers,
)
