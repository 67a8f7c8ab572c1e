"""The columns of the tables that flow between stages: the project's data contract.

raw files --ingest--> DOCS --features--> HITS (+ DOC_FEATURES) --stats--> aggregates --> figures/tables --> reports

Each stage reads and writes plain pandas DataFrames with these columns (more columns are allowed).
:func:`check_columns` raises a clear error where a table lacks what a stage needs.
"""
from __future__ import annotations

import pandas as pd

from .io import FramingError

#: Document table (one row per article), written by :mod:`framing.ingest`.
DOC_COLUMNS: dict[str, str] = {
    "doc_id": "stable identifier: kept from the input's doc_id column, else derived from url or text",
    "outlet": "outlet name (manifest, column, file name, URL domain or page signature; else 'unknown')",
    "date": "publication date, parsed, timezone-naive (NaT where missing or unparseable)",
    "url": "article URL (missing allowed; a missing URL is never a duplicate)",
    "title": "headline as found",
    "text": "article text as found (for HTML: the text trafilatura extracted)",
    "clean_text": "text with page furniture removed and whitespace normalised; quotes and spellings untouched",
    "n_words": "number of words in clean_text (framing.text.count_words)",
    "source": "where the row came from: 'path' or 'path:row'",
}

#: Further document columns :mod:`framing.ingest` writes, in this order right after
#: :data:`DOC_COLUMNS` (input extras follow them). No stage requires them: a docs table built
#: another way may lack them. Kept apart from DOC_COLUMNS, which ingest places first and every
#: stage may require.
DOC_EXTRA_COLUMNS: dict[str, str] = {
    "raw_html": "the HTML of .html pages (None for other formats)",
    "encoding": "detected encoding of the file the row came from",
    "format": "'txt', 'html', 'csv', 'jsonl' or 'json'",
    "dup_of": "for a syndicated copy (same text or same URL as an article of another outlet): the doc_id "
              "of the first copy in file order; None for that first copy and for every other article. "
              "Copies stay in their outlet's counts; keep rows with dup_of missing to count each story once",
}

#: Every documented docs column, in the order ingest writes them.
ALL_DOC_COLUMNS = {**DOC_COLUMNS, **DOC_EXTRA_COLUMNS}

#: Hits table (one row per match), written by :mod:`framing.features`.
#: Offsets index into the *field* of the document: ``title`` or ``clean_text`` (field 'text').
HIT_COLUMNS: dict[str, str] = {
    "doc_id": "document the hit is in",
    "field": "'title' or 'text' (offsets index into title or clean_text respectively)",
    "feature": "'variant', 'label', 'hedge', 'sourcing', 'quote', 'reported_speech', ...",
    "key": "codebook entry (e.g. 'kyiv'); for quotes the quote type",
    "value": "form within the entry (e.g. 'Kyiv' vs 'Kiev'); for quotes the cue category or ''",
    "category": "codebook category of the value (variants: 'ukrainian'/'russian'); may be ''",
    "start": "start character offset into the field",
    "end": "end character offset into the field (exclusive)",
    "text": "matched surface text as written (quotes: the quoted words without the marks)",
    "context": "the sentence holding the hit (or a window around it)",
}

#: Extra hit columns filled for feature 'quote' and 'reported_speech' (empty/NA elsewhere).
QUOTE_COLUMNS: dict[str, str] = {
    "quote_type": "'direct', 'partial', 'scare' or 'other' (reported_speech: 'reported')",
    "speaker": "speaker as named in the text (pronouns and titles resolved to a name where possible)",
    "speaker_start": "offset of the speaker mention in the field (-1 if none)",
    "speaker_end": "end offset of the speaker mention (-1 if none)",
    "cue": "attribution cue lemma ('say', 'claim', 'according to', ...)",
    "cue_text": "cue as written ('claimed', 'told reporters')",
    "cue_category": "'neutral', 'endorsing', 'distancing' (codebook) or '' when unattributed",
    "cue_start": "offset of the cue in the field (-1 if none)",
    "cue_end": "end offset of the cue (-1 if none)",
}

ALL_HIT_COLUMNS = {**HIT_COLUMNS, **QUOTE_COLUMNS}


def check_columns(df: pd.DataFrame, required, *, what: str = "table") -> None:
    """Raise :class:`FramingError` naming the missing columns of ``df``."""
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise FramingError(f"{what} lacks column(s) {', '.join(missing)}; has {', '.join(map(str, df.columns))}")


def empty_hits() -> pd.DataFrame:
    """An empty hits table with every column and the right dtypes."""
    cols = {}
    for c in ALL_HIT_COLUMNS:
        if c in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"):
            cols[c] = pd.Series([], dtype="int64")
        else:
            cols[c] = pd.Series([], dtype="object")
    return pd.DataFrame(cols)
