"""From typed text to the groups of alternatives the search index is asked for (issue 9).

Each meaningful part of a query becomes one group of alternatives, and a vacancy must match
every group (kiosk/search.py runs them). Parts, left to right:
- a place ("tembalang", "di solo", "semarang") is taken out of the text: it filters or ranks
  by place (kiosk.places), it is not a word the posting must contain;
- words that only say "worker" or "job" (tukang, karyawan, loker, ...: the vocabulary's
  generic list) and function words are dropped, unless they are part of a longer phrase;
- spellings with one meaning are made one ("kebon" -> "kebun", "klining" -> "cleaning");
- a phrase of the occupation vocabulary ("kuli bangunan", "satpam") matches itself, the
  single-word names of its occupation in title or skills, and every posting coded with its
  KBJI 2014 group (the "zgNNNN" tags of kiosk.search_tags);
- any other word matches itself, its stem and its synonyms, and the last word while still
  typed also as a prefix; only a word no table knows gets near spellings, first from the
  occupation vocabulary, else from the index's words, never from employer names.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from kiosk.occupations import Occupation, OccupationVocabulary
from kiosk.places import Place, PlaceTable
from kiosk.search_tags import TAG_PATTERN, group_tag
from kiosk.textnorm import INVISIBLE, Stemmer, fold, tokens

if TYPE_CHECKING:
    from kiosk.search import _Vocabulary

STOP_WORDS = frozenset({"di", "dan", "yang", "untuk", "ke", "dari", "atau", "the", "and", "of",
                        "in", "at", "daerah", "sekitar", "dekat", "wilayah", "area"})
MAX_QUERY_WORDS = 12
_MIN_PREFIX = 2
_SHORT_PREFIX = 4
_MAX_TYPO_ALTERNATIVES = 8
_TEXT_COLUMNS = "{title skills description}: "  # everything but the employer's name
_NAME_COLUMNS = "{title skills}: "
_DESCRIPTION_COLUMN = "{description}: "


class Synonyms(Protocol):
    def of(self, word: str) -> set[str]: ...
    def completing(self, prefix: str) -> set[str]: ...


@dataclass(frozen=True)
class QueryPlan:
    """What a query asks the index: `groups` (FTS5 expressions, all must match), the `place`
    it names, and `unknown`: its words no table knows (for "Mungkin maksud Anda")."""

    groups: tuple[str, ...]
    place: Place | None
    unknown: tuple[str, ...]
    exact: tuple[str, ...] = ()
    """The same groups naming only the typed words (no occupation names, groups or near
    spellings): vacancies matching these rank first."""


def typed_text(text: str) -> str:
    """Typed text with the characters the importer removes from postings removed too
    (kiosk.importer.text.clean_line: controls, zero-width spaces and joiners, bidi marks and
    overrides, variation selectors, the BOM), composed as NFKC so fullwidth and other
    compatibility forms read as the letters they show ("ｓｏｐｉｒ" -> "sopir"). Without this
    "so\u200bpir", which shows as "sopir", would be two words no posting holds."""
    return unicodedata.normalize("NFKC", INVISIBLE.sub("", text))


def max_typos(word: str) -> int:
    """Edits tolerated in a word: none below 4 letters, one up to 7, two from 8 (OSA distance)."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def quote(term: str) -> str:
    return '"' + term + '"'


class QueryWords:
    """Builds QueryPlans; `index_words` returns the current index vocabulary."""

    def __init__(self, stemmer: Stemmer, synonyms: Synonyms, places: PlaceTable,
                 index_words: Callable[[], _Vocabulary],
                 occupations: OccupationVocabulary | None = None) -> None:
        self._stemmer = stemmer
        self._synonyms = synonyms
        self._places = places
        self._index_words = index_words
        self._occupations = occupations or OccupationVocabulary.load()
        self._known_sorted = sorted(self._occupations.known)

    def plan(self, text: str) -> QueryPlan:
        text = typed_text(text)
        words = tokens(text)[:MAX_QUERY_WORDS]
        still_typing = bool(fold(text)[-1:].strip())
        if words and still_typing and len(words[-1]) < _MIN_PREFIX:
            words, still_typing = words[:-1], False  # one letter would match nearly everything
        place = None
        found = self._places.in_query(words)
        if found is not None and not (still_typing and found[1] == len(words)
                                      and len(words[-1]) < 4):
            start, end, place = found
            # A place name matched in full is a finished word, even before the space.
            still_typing = still_typing and end < len(words)
            words = words[:start] + words[end:]
        vocabulary = self._index_words()
        occupations = self._occupations
        words = [occupations.canonical(w) for w in words]
        spans = {s.start: s for s in occupations.phrases(words)}
        groups: list[str] = []
        exact: list[str] = []
        unknown: list[str] = []
        i = 0
        while i < len(words):
            span = spans.get(i)
            last = still_typing and i == len(words) - 1
            if span is not None:
                groups.append(self._occupation_group(words[i:span.end], span.occupation))
                exact.append(self._occupation_group(words[i:span.end], span.occupation,
                                                    exact=True))
                i = span.end
                continue
            word = words[i]
            i += 1
            if word in STOP_WORDS or word in occupations.generic or TAG_PATTERN.match(word):
                continue
            group, known = self._word_group(word, last, vocabulary)
            if group:
                groups.append(group)
                exact.append(group)
            if not known:
                unknown.append(word)
        if not groups and words and not unknown and all(w in STOP_WORDS for w in words):
            groups = exact = [self._function_word_group(words, still_typing, vocabulary)]
        return QueryPlan(tuple(groups), place, tuple(unknown), tuple(exact))

    def _occupation_group(self, typed: list[str], occupation: Occupation, *,
                          exact: bool = False) -> str:
        """An occupation's alternatives, all in title or skills (a job named only in a
        description is not that job): the typed phrase, and unless `exact` the single-word
        names of the occupation and its KBJI groups' tags."""
        terms = set()
        if len(typed) > 1:
            # Every typed word (or its synonym) in title or skills; the words need not be
            # side by side ("Administrasi Gudang", "Gudang Admin").
            each = ["(" + " OR ".join(sorted({quote(w)} | {
                quote(s) for s in self._synonyms.of(w) if " " not in s})) + ")" for w in typed]
            terms.add(_NAME_COLUMNS + "(" + " AND ".join(each) + ")")
        else:
            terms.add(_NAME_COLUMNS + quote(typed[0]))
            terms |= {_NAME_COLUMNS + quote(s) for s in self._synonyms.of(typed[0])
                      if " " not in s}
        if not exact:
            terms |= {_NAME_COLUMNS + quote(m[0]) for m in occupation.members if len(m) == 1}
            terms |= {group_tag(code) for code in occupation.codes}
        return "(" + " OR ".join(sorted(terms)) + ")"

    def _word_group(self, word: str, is_prefix: bool, vocabulary: _Vocabulary
                    ) -> tuple[str, bool]:
        """(the group of alternatives for one word, whether any table knows the word)."""
        exact = {word}
        complete = (not is_prefix or word in vocabulary.words
                    or self._stem_known(word, vocabulary))
        root = self._stemmer.stem(word) if complete else word
        exact.add(root)
        for w in list(exact):
            exact |= {s for s in self._synonyms.of(w)}
        prefixes: set[str] = set()
        if is_prefix:
            prefixes.add(word)
            exact |= self._synonyms.completing(word)
        known = (word in vocabulary.words or root in vocabulary.words
                 or word in self._occupations.known
                 or (is_prefix and vocabulary.has_prefix(word)))
        near: set[str] = set()
        if not known:
            occupation = self._near_occupation(word)
            if occupation is not None:
                return occupation, True
            near = self._near_words(word, vocabulary)
            if not near and is_prefix and len(word) >= 5:
                prefixes |= self._near_prefixes(word, vocabulary)
        terms = [quote(t) for t in sorted(exact) if t not in prefixes and " " not in t]
        terms += [_TEXT_COLUMNS + quote(t) for t in sorted(near - exact)]
        terms += self._description_stems((exact | near) - prefixes)
        for p in sorted(prefixes):
            # Two or three letters start too many words of the long descriptions to help.
            scope = _NAME_COLUMNS if len(p) < _SHORT_PREFIX or p != word else ""
            terms.append(scope + quote(p) + "*")
        return "(" + " OR ".join(terms) + ")", known or bool(near) or bool(prefixes - {word})

    def _function_word_group(self, words: list[str], still_typing: bool,
                             vocabulary: _Vocabulary) -> str:
        """A query of nothing but function words looks for its first one, still being typed
        a prefix ("ke" on the way to "keuangan"): descriptions do not hold them
        (textnorm.DESCRIPTION_SKIPPED), titles, employers and skills do."""
        return self._word_group(words[0], still_typing and len(words) == 1, vocabulary)[0]

    def _description_stems(self, alternatives: set[str]) -> list[str]:
        """The description column holds the stems of its words only (Stemmer.index_stems):
        there each alternative is asked for by its stem, where that is not already one."""
        stems = {self._stemmer.stem(t) for t in alternatives if " " not in t} - alternatives
        return [_DESCRIPTION_COLUMN + quote(s) for s in sorted(stems)]

    def _stem_known(self, word: str, vocabulary: _Vocabulary) -> bool:
        """Whether a word still being typed is a whole inflected word whose stem the index
        holds: a word met only in descriptions is stored there as its stem alone."""
        root = self._stemmer.stem(word)
        return root != word and root in vocabulary.words

    def _near_occupation(self, word: str) -> str | None:
        """The group of the vocabulary word nearest a misspelt one ("satpan" -> satpam)."""
        limit = max_typos(word)
        if limit == 0:
            return None
        match = process.extractOne(word, self._known_sorted, scorer=OSA.distance,
                                   score_cutoff=limit)
        if match is None:
            return None
        spans = self._occupations.phrases([match[0]])
        if not spans:
            return None
        return self._occupation_group([match[0]], spans[0].occupation)

    def _near_words(self, word: str, vocabulary: _Vocabulary) -> set[str]:
        limit = max_typos(word)
        if limit == 0:
            return set()
        matches = process.extract(word, vocabulary.sorted, scorer=OSA.distance,
                                  score_cutoff=limit, limit=_MAX_TYPO_ALTERNATIVES)
        return {m[0] for m in matches if not TAG_PATTERN.match(m[0])}

    def _near_prefixes(self, word: str, vocabulary: _Vocabulary) -> set[str]:
        """Prefixes of index words one edit from a half-typed word ("pengemdu" -> "pengemud")."""
        n = len(word)
        found: set[str] = set()
        for candidate in vocabulary.by_first.get(word[0], ()):
            if len(candidate) < n - 1:
                continue
            for head in {candidate[:n], candidate[: n - 1], candidate[: n + 1]}:
                if OSA.distance(word, head, score_cutoff=1) <= 1:
                    found.add(head)
            if len(found) >= _MAX_TYPO_ALTERNATIVES:
                break
        return found

    def suggestions(self, words: tuple[str, ...], limit: int = 4, *,
                    typed: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The known job words nearest `words`, best first ("Mungkin maksud Anda"), leaving
        out the `typed` words and other spellings of them ("supir" for "sopir"): offering a
        resident what they typed tells them nothing, and a phrase holding a typed word finds
        no more than the word."""
        canonical = self._occupations.canonical
        taken = {canonical(w) for w in typed}
        taken |= {canonical(s) for w in typed for s in self._synonyms.of(canonical(w))}
        found: list[str] = []
        choices = [*self._known_sorted, *self._occupations.phrases_known]
        for word in words:
            for match, _score, _i in process.extract(word, choices, scorer=fuzz.ratio,
                                                     score_cutoff=55, limit=limit + len(taken)):
                # (a phrase holding a typed word finds no more than the word did)
                if match not in found and not {canonical(m) for m in match.split()} & taken:
                    found.append(match)
        return tuple(found[:limit])
