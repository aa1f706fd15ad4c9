#!/usr/bin/env python3
"""Figure extraction, FeedWatch beside two peers, on the labelled wire corpus.

Scores each tool's (value, unit) pairs against the gold figures of
Tests/FigureExtractionTests/Corpus/wire-sentences.jsonl: precision, recall and F1
over the whole corpus, plus FeedWatch's qualifier accuracy on the figures it got right.

    compare.py                          all three tools
    compare.py --tool feedwatch         one tool (repeat --tool for more)
    compare.py --errors                 also list every sentence a tool got wrong
    compare.py --corpus PATH            score another labelled corpus (default: wire-sentences.jsonl)

Tools:
  feedwatch    `$FEEDWATCH_BIN figures extract FILE --json`, run once over all sentences
               joined by blank lines; each figure goes to the sentence holding its `start`.
  recognizers  Microsoft Recognizers-Text (recognizers-text-suite), English: currency,
               percentage and number models; plain numbers inside a currency, percentage
               or phone-number match are dropped, and so are those inside a date/time match
               unless a unit of time follows them ("for 48 hours" stays, "Nov. 26" goes).
  quantulum    quantulum3 `parser.parse`, with its unit classifier when installed;
               a range it folds into one value ± uncertainty is split back into two figures.

For both peers a 1 read from a bare "one"/"a"/"an" is not counted (nor is it in the corpus).

Exit status: 0 whatever the scores; 1 when the corpus or a requested peer cannot be loaded.
A FeedWatch build without `figures extract` is reported in one line and skipped.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT / "Tests/FigureExtractionTests/Corpus/wire-sentences.jsonl"
TOOLS = ("feedwatch", "recognizers", "quantulum")
UNITS = {"count", "percent", "USD", "EUR", "GBP", "RUB", "UAH", "CNY"}
QUALIFIERS = {
    "more than", "over", "nearly", "about", "up to", "at least", "as many as", "exceeding",
    "as high as", "almost", "around", "roughly", "approximately", "fewer than", "less than",
    "under", "at most", "some", "close to", "an estimated",
}
# A bare one/a/an ("one member", "a day") is not a figure by the corpus conventions; a peer's 1 read
# from it is not counted.
BARE_ONE = re.compile(r"^(?:one|an?)\b", re.IGNORECASE)
# Durations are figures in the corpus ("for 48 hours", "every six months"), so a number that the
# DateTime recognizer covers is kept when a unit of time follows it.
DURATION_AFTER = re.compile(r"^[\s-]*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b", re.IGNORECASE)


class SetupError(Exception):
    """The benchmark cannot run as asked (bad corpus, missing peer library)."""


class Unavailable(Exception):
    """The tool is not there yet; it is skipped with a one-line note."""


@dataclass
class Figure:
    value: float
    unit: str
    qualifier: str | None = None
    text: str = ""

    def show(self) -> str:
        value = self.value
        number = str(int(value)) if float(value).is_integer() and abs(value) < 1e18 else repr(value)
        return f"{number} {self.unit}"


@dataclass
class Sentence:
    id: str
    text: str
    figures: list[Figure]
    tags: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- corpus

def _find_token(sentence: str, text: str, start: int) -> int:
    """The next occurrence of `text` that is not part of a longer number."""
    while True:
        k = sentence.find(text, start)
        if k < 0:
            return k
        end = k + len(text)
        before_ok = k == 0 or not (
            sentence[k - 1].isalnum() or (sentence[k - 1] in ".," and k >= 2 and sentence[k - 2].isdigit())
        )
        after_ok = end >= len(sentence) or not (
            sentence[end].isdigit() or (sentence[end] in ".," and end + 1 < len(sentence) and sentence[end + 1].isdigit())
        )
        if before_ok and after_ok:
            return k
        start = k + 1


def load_corpus(path: Path) -> list[Sentence]:
    if not path.is_file():
        raise SetupError(f"corpus not found: {path}")
    sentences: list[Sentence] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise SetupError(f"{where}: not JSON: {error}") from None
            sid, text = row.get("id"), row.get("sentence")
            if not isinstance(sid, str) or sid in seen:
                raise SetupError(f"{where}: missing or repeated id {sid!r}")
            seen.add(sid)
            if not isinstance(text, str) or not text.strip() or "\n" in text:
                raise SetupError(f"{where}: sentence must be one non-empty line")
            figures: list[Figure] = []
            position = 0
            for item in row.get("figures", []):
                value, unit, fig_text, qualifier = item.get("value"), item.get("unit"), item.get("text"), item.get("qualifier")
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise SetupError(f"{where}: value {value!r} is not a number")
                if unit not in UNITS:
                    raise SetupError(f"{where}: unknown unit {unit!r}")
                if qualifier is not None and qualifier not in QUALIFIERS:
                    raise SetupError(f"{where}: unknown qualifier {qualifier!r}")
                if not isinstance(fig_text, str) or not fig_text:
                    raise SetupError(f"{where}: figure without text")
                found = _find_token(text, fig_text, position)
                if found < 0:
                    raise SetupError(f"{where}: figure text {fig_text!r} not found in order in the sentence")
                position = found + len(fig_text)
                figures.append(Figure(float(value), unit, qualifier, fig_text))
            sentences.append(Sentence(sid, text, figures, list(row.get("tags", []))))
    if not sentences:
        raise SetupError(f"corpus is empty: {path}")
    return sentences


# ---------------------------------------------------------------- FeedWatch

def _feedwatch_binary() -> Path:
    configured = os.environ.get("FEEDWATCH_BIN", ".build/release/feedwatch")
    path = Path(configured)
    if not path.is_absolute() and not path.exists():
        path = ROOT / configured
    return path


def run_feedwatch(corpus: list[Sentence]) -> dict[str, list[Figure]]:
    binary = _feedwatch_binary()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        raise Unavailable(f"no executable at {binary} (build it with `swift build -c release --product feedwatch`)")
    separator = "\n\n"
    starts: list[int] = []
    pieces: list[str] = []
    offset = 0
    for sentence in corpus:
        starts.append(offset)
        pieces.append(sentence.text)
        offset += len(sentence.text) + len(separator)
    text = separator.join(pieces) + "\n"
    with tempfile.TemporaryDirectory(prefix="feedwatch-figures-") as directory:
        input_path = Path(directory) / "wire-sentences.txt"
        input_path.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run(
                [str(binary), "figures", "extract", str(input_path), "--json"],
                capture_output=True, text=True, encoding="utf-8", timeout=600,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise Unavailable(f"`{binary} figures extract` did not run: {error}") from None
    if done.returncode != 0:
        first = next((line.strip() for line in done.stderr.splitlines() if line.strip()), "no message")
        raise Unavailable(f"`{binary} figures extract` is not available (exit {done.returncode}: {first})")
    try:
        found = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise Unavailable(f"`{binary} figures extract --json` did not print JSON ({error})") from None
    if not isinstance(found, list):
        raise Unavailable(f"`{binary} figures extract --json` printed {type(found).__name__}, not an array")
    result: dict[str, list[Figure]] = {sentence.id: [] for sentence in corpus}
    for item in sorted(found, key=lambda item: item.get("start", 0) if isinstance(item, dict) else 0):
        if not isinstance(item, dict):
            continue
        start, value = item.get("start"), item.get("value")
        if not isinstance(start, int) or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        index = max(0, bisect.bisect_right(starts, start) - 1)
        qualifier = item.get("qualifier")
        result[corpus[index].id].append(
            Figure(float(value), str(item.get("unit")), qualifier.lower() if isinstance(qualifier, str) and qualifier else None,
                   str(item.get("text", "")))
        )
    return result


# ---------------------------------------------------------------- Recognizers-Text

RT_CURRENCIES = {
    "dollar": "USD", "united states dollar": "USD", "us dollar": "USD",
    "euro": "EUR",
    "pound": "GBP", "british pound": "GBP", "pound sterling": "GBP",
    "russian ruble": "RUB", "ruble": "RUB", "russian rouble": "RUB", "rouble": "RUB",
    "ukrainian hryvnia": "UAH", "hryvnia": "UAH",
    "chinese yuan": "CNY", "yuan": "CNY", "renminbi": "CNY",
}


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < end and start < a[1] for start, end in spans)


def _rt_span(result) -> tuple[int, int]:
    return (result.start, result.end + 1)  # Recognizers-Text ends are inclusive


def _to_float(text) -> float | None:
    try:
        value = float(str(text).replace(",", ""))
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def run_recognizers(corpus: list[Sentence]) -> dict[str, list[Figure]]:
    try:
        from recognizers_text import Culture
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_date_time import DateTimeRecognizer
        from recognizers_sequence import SequenceRecognizer
    except Exception as error:  # ImportError, and the emoji>=2 breakage inside recognizers_text
        raise SetupError(f"cannot import recognizers-text-suite ({error}); run Benchmarks/figures/run.sh") from None
    culture = Culture.English
    # Build each model once; recognize_number() and friends rebuild them on every call.
    number_model = NumberRecognizer(culture).get_number_model(culture)
    percent_model = NumberRecognizer(culture).get_percentage_model(culture)
    currency_model = NumberWithUnitRecognizer(culture).get_currency_model(culture)
    datetime_model = DateTimeRecognizer(culture).get_datetime_model(culture)
    phone_model = SequenceRecognizer(culture).get_phone_number_model(culture)

    result: dict[str, list[Figure]] = {}
    for sentence in corpus:
        text = sentence.text
        found: list[tuple[int, Figure]] = []
        taken: list[tuple[int, int]] = []
        for match in currency_model.parse(text):
            resolution = match.resolution or {}
            value = _to_float(resolution.get("value"))
            if value is None:
                continue
            iso = resolution.get("isoCurrency")
            unit = iso if iso in UNITS else RT_CURRENCIES.get(str(resolution.get("unit", "")).lower(), "count")
            found.append((match.start, Figure(value, unit, None, match.text)))
            taken.append(_rt_span(match))
        for match in percent_model.parse(text):
            value = _to_float(str((match.resolution or {}).get("value", "")).rstrip("%").strip())
            if value is None:
                continue
            found.append((match.start, Figure(value, "percent", None, match.text)))
            taken.append(_rt_span(match))
        dates = [_rt_span(match) for match in datetime_model.parse(text) if not match.type_name.endswith("duration")]
        phones = [_rt_span(match) for match in phone_model.parse(text)]
        for match in number_model.parse(text):
            span = _rt_span(match)
            if _overlaps(span, taken) or _overlaps(span, phones):
                continue
            if _overlaps(span, dates) and not DURATION_AFTER.match(text[span[1]:]):
                continue
            value = _to_float((match.resolution or {}).get("value"))
            if value is None or (value == 1 and BARE_ONE.match(match.text.strip())):
                continue
            found.append((match.start, Figure(value, "count", None, match.text)))
        result[sentence.id] = [figure for _, figure in sorted(found, key=lambda pair: pair[0])]
    return result


# ---------------------------------------------------------------- quantulum3

QU_CURRENCIES = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP",
    "russian ruble": "RUB", "ruble": "RUB", "ukrainian hryvnia": "UAH", "hryvnia": "UAH",
    "chinese yuan": "CNY", "yuan": "CNY", "renminbi": "CNY",
}
QU_PERCENT = {"percentage", "per cent", "percent", "percentage point"}
RANGE_SURFACE = re.compile(r"\d\s*(?:-|–|—|to|and)\s*\S*\d", re.IGNORECASE)


def _quantulum_unit(unit) -> str:
    name = str(getattr(unit, "name", "")).lower()
    if name in QU_PERCENT:
        return "percent"
    code = getattr(unit, "currency_code", None)
    if code in UNITS:
        return code
    return QU_CURRENCIES.get(name, "count")


def run_quantulum(corpus: list[Sentence]) -> dict[str, list[Figure]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from quantulum3 import parser
        except Exception as error:
            raise SetupError(f"cannot import quantulum3 ({error}); run Benchmarks/figures/run.sh") from None
    result: dict[str, list[Figure]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for sentence in corpus:
            figures: list[Figure] = []
            for quantity in parser.parse(sentence.text):
                surface = str(getattr(quantity, "surface", ""))
                unit = _quantulum_unit(quantity.unit)
                value = float(quantity.value)
                if value == 1 and BARE_ONE.match(surface.strip()):
                    continue
                spread = getattr(quantity, "uncertainty", None)
                if spread and RANGE_SURFACE.search(surface):
                    figures.append(Figure(value - float(spread), unit, None, surface))
                    figures.append(Figure(value + float(spread), unit, None, surface))
                else:
                    figures.append(Figure(value, unit, None, surface))
            result[sentence.id] = figures
    return result


RUNNERS = {"feedwatch": run_feedwatch, "recognizers": run_recognizers, "quantulum": run_quantulum}
NAMES = {"feedwatch": "FeedWatch", "recognizers": "Recognizers-Text", "quantulum": "quantulum3"}


# ---------------------------------------------------------------- scoring

def _same(a: Figure, b: Figure) -> bool:
    if a.unit != b.unit:
        return False
    return math.isclose(a.value, b.value, rel_tol=1e-6, abs_tol=1e-9)


def match(expected: list[Figure], got: list[Figure]) -> tuple[list[tuple[Figure, Figure]], list[Figure], list[Figure]]:
    """Multiset match in order of appearance: (pairs, missing, extra)."""
    unused = list(got)
    pairs: list[tuple[Figure, Figure]] = []
    missing: list[Figure] = []
    for gold in expected:
        candidates = [i for i, candidate in enumerate(unused) if _same(gold, candidate)]
        if not candidates:
            missing.append(gold)
            continue
        # Among equal values prefer the one with the same qualifier, so qualifier accuracy is not blamed on order.
        best = next((i for i in candidates if unused[i].qualifier == gold.qualifier), candidates[0])
        pairs.append((gold, unused.pop(best)))
    return pairs, missing, unused


@dataclass
class Score:
    tool: str
    seconds: float
    tp: int = 0
    fp: int = 0
    fn: int = 0
    qualifier_right: int = 0
    wrong: list[tuple[Sentence, list[Figure], list[Figure], list[Figure]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(tool: str, corpus: list[Sentence], found: dict[str, list[Figure]], seconds: float) -> Score:
    result = Score(tool, seconds)
    for sentence in corpus:
        got = found.get(sentence.id, [])
        pairs, missing, extra = match(sentence.figures, got)
        result.tp += len(pairs)
        result.fn += len(missing)
        result.fp += len(extra)
        result.qualifier_right += sum(1 for gold, mine in pairs if gold.qualifier == mine.qualifier)
        if missing or extra:
            result.wrong.append((sentence, got, missing, extra))
    return result


def _list(figures: list[Figure]) -> str:
    return "; ".join(figure.show() for figure in figures) or "(none)"


def print_report(corpus: list[Sentence], scores: list[Score], errors: bool) -> None:
    figures = sum(len(sentence.figures) for sentence in corpus)
    print(f"Corpus: {len(corpus)} sentences, {figures} figures "
          f"({sum(1 for sentence in corpus if not sentence.figures)} sentences without any).")
    if not scores:
        print("No tool ran.")
        return
    print()
    print("| tool | precision | recall | F1 | TP | FP | FN | seconds |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for s in scores:
        print(f"| {NAMES[s.tool]} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp} | {s.fp} | {s.fn} | {s.seconds:.2f} |")
    for s in scores:
        if s.tool == "feedwatch":
            share = s.qualifier_right / s.tp if s.tp else 0.0
            print()
            print(f"FeedWatch qualifier accuracy: {s.qualifier_right}/{s.tp} matched figures ({share:.1%}).")
    if not errors:
        return
    for s in scores:
        print()
        print(f"## {NAMES[s.tool]}: {len(s.wrong)} sentences differ")
        for sentence, got, missing, extra in s.wrong:
            print()
            print(f"{sentence.id}  {sentence.text}")
            print(f"  expected: {_list(sentence.figures)}")
            print(f"  got:      {_list(got)}")
            print(f"  missing:  {_list(missing)}")
            print(f"  extra:    {_list(extra)}")


def main(argv: list[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--tool", action="append", choices=TOOLS, help="run only this tool (repeatable)")
    arguments.add_argument("--errors", action="store_true", help="list each sentence where a tool's figures differ")
    arguments.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines corpus (default: %(default)s)")
    options = arguments.parse_args(argv)

    try:
        corpus = load_corpus(options.corpus)
    except SetupError as error:
        print(f"compare.py: {error}", file=sys.stderr)
        return 1

    failed = False
    scores: list[Score] = []
    for tool in options.tool or TOOLS:
        began = time.perf_counter()
        try:
            found = RUNNERS[tool](corpus)
        except Unavailable as reason:
            print(f"{tool}: skipped: {reason}")
            continue
        except SetupError as error:
            sys.stdout.flush()
            print(f"{tool}: setup failed: {error}", file=sys.stderr)
            failed = True
            continue
        scores.append(score(tool, corpus, found, time.perf_counter() - began))
    print_report(corpus, scores, options.errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
