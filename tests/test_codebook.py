"""Codebook loading and validation: shipped codebooks, a user file, and one fixture per kind of bad entry."""
from __future__ import annotations

import hashlib
import re

import pytest

from framing.cli import main
from framing.codebook import (
    CodebookError,
    describe_codebook,
    load_codebook,
    shipped_codebooks,
)
from framing.io import FramingError


@pytest.fixture(scope="module")
def cb_dir(test_data):
    return test_data / "codebooks"


# ----------------------------------------------------------------------------- shipped codebooks
def test_default_codebook_is_russia_ukraine_with_sha256_of_file_bytes():
    cb = load_codebook(None)
    assert cb.name == "russia_ukraine"
    assert cb.path.name == "russia_ukraine.yaml"
    assert cb.sha256 == hashlib.sha256(cb.path.read_bytes()).hexdigest()
    assert load_codebook("russia_ukraine").sha256 == cb.sha256


def test_default_codebook_covers_the_issue():
    cb = load_codebook()
    variants = {e.key: e for e in cb.entries if e.feature == "variant"}
    for key in ("kyiv", "kharkiv", "luhansk", "zaporizhzhia", "odesa", "mykolaiv", "chernihiv", "dnipro",
                "donbas", "volodymyr", "zelensky", "ukraine"):
        assert key in variants, key
        cats = {f.category for f in variants[key].forms}
        assert {"ukrainian", "russian"} <= cats, key
    assert [f.value for f in variants["zelensky"].forms] == ["Zelenskyy", "Zelensky", "Zelenskiy"]
    zap_terms = {t for f in variants["zaporizhzhia"].forms for t in f.terms}
    assert {"Zaporizhzhia", "Zaporizhia", "Zaporizhzhya", "Zaporozhzhia", "Zaporozhye"} <= zap_terms
    terms = {t.lower() for e in cb.entries for f in e.forms for t in f.terms}
    for t in ("special military operation", "invasion", "war", "conflict", "crisis", "new regions",
              "people's republic", "dpr", "lpr", "occupied territories", "illegally annexed", "annexation",
              "reunification", "rejoined russia", "kiev regime", "neo-nazi", "junta", "coup", "revolution of dignity",
              "maidan", "so-called", "self-proclaimed", "alleged", "allegedly", "purported", "purportedly",
              "according to", "sources said", "people close to", "on condition of anonymity",
              "source familiar with", "citing"):
        assert t in terms, t
    features = {e.feature for e in cb.entries}
    assert {"variant", "label", "hedge", "sourcing"} <= features
    # every entry carries a description a researcher can cite
    assert all(len(e.description) > 20 for e in cb.entries), [e.key for e in cb.entries if len(e.description) <= 20]


def test_cues_come_from_the_shipped_cue_file():
    cb = load_codebook()
    assert cb.cues_path is not None and cb.cues_path.name == "cues_en.yaml"
    assert cb.cues["say"] == "neutral"
    assert cb.cues["claim"] == "distancing"
    assert set(cb.cues.values()) <= {"neutral", "endorsing", "distancing"}


def test_second_shipped_codebook_loads_by_name():
    assert {"russia_ukraine", "migration"} <= set(shipped_codebooks())
    cb = load_codebook("migration")
    assert cb.name == "migration"
    assert cb.cues["claim"] == "distancing"  # inline cue mapping
    assert "label:person_label:illegal" in cb.columns()


def test_user_file_by_path_and_relative_cue_file(cb_dir):
    cb = load_codebook(cb_dir / "good_minimal.yaml")
    assert cb.name == "example"
    assert cb.keys == ["kyiv", "volodymyr", "referendum", "so_called"]
    assert cb.cues == {"say": "neutral", "according to": "neutral", "claim": "distancing"}
    assert cb.variant_keys() == ["kyiv", "volodymyr"]
    assert cb.columns()[:2] == ["variant:kyiv:Kyiv", "variant:kyiv:Kiev"]
    # entry-level requires is inherited by every form; a form's own requires replaces it
    vol = cb.entry("volodymyr")
    assert all(f.requires_after == r"\s+Zelensk" for f in vol.forms)
    cb2 = load_codebook(str(cb_dir / "good_cue_path.yaml"))
    assert cb2.cues == {"say": "neutral", "tell": "neutral", "confirm": "endorsing", "claim": "distancing"}
    assert cb2.fingerprint != cb2.sha256  # the fingerprint also covers the cue file
    # no cues: section -> the shipped cue lexicon
    cb3 = load_codebook(cb_dir / "good_no_cues.yaml")
    assert cb3.cues == load_codebook().cues and cb3.cues_path.name == "cues_en.yaml"


def test_distance_words_default_to_the_shipped_list_and_can_be_the_researchers(cb_dir, tmp_path):
    """The quote typer's prior of words held at a distance comes with the codebook: the shipped list
    by default, a file of the researcher's by a path relative to the codebook; the codebook's
    fingerprint covers it, so features and reports are redone when it changes."""
    shipped = load_codebook(cb_dir / "good_minimal.yaml")
    assert shipped.distance_words_path.name == "distance_words_en.yaml"
    assert "liberat" in shipped.distance_words["stems"]
    assert "special military operation" in shipped.distance_words["euphemisms"]
    mine = tmp_path / "cb.yaml"
    mine.write_text((cb_dir / "good_minimal.yaml").read_text(encoding="utf-8")
                    + "distance_words: ./words.yaml\n", encoding="utf-8")
    words = tmp_path / "words.yaml"
    words.write_text("name: mine\nstems: [liberat, migrant]\neuphemisms: [special operation]\n", encoding="utf-8")
    cb = load_codebook(mine)
    assert cb.distance_words == {"stems": ("liberat", "migrant"), "euphemisms": ("special operation",)}
    before = cb.fingerprint
    words.write_text("name: mine\nstems: [liberat]\neuphemisms: [special operation]\n", encoding="utf-8")
    assert load_codebook(mine).fingerprint != before and load_codebook(mine).sha256 == cb.sha256
    words.write_text("name: mine\nstems: [liberat, liberat]\neuphemisms: [x]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"words.yaml: stems: 'liberat' is listed twice"):
        load_codebook(mine)


def test_describe_codebook_lists_entries_forms_and_hash():
    cb = load_codebook()
    text = describe_codebook(cb)
    assert cb.sha256 in text
    assert "variant:kyiv" in text and "- Kiev (russian): Kiev" in text
    assert "requires after" in text  # Volodymyr/Vladimir
    assert "cues (cues_en.yaml)" in text


def test_unknown_name_lists_shipped_codebooks():
    with pytest.raises(CodebookError, match=r"no codebook named 'nope'.*russia_ukraine"):
        load_codebook("nope")
    with pytest.raises(FramingError, match="not found"):
        load_codebook("missing/dir/cb.yaml")


# ----------------------------------------------------------------------------- bad codebooks
BAD = [
    # fixture, entry named in the message (or None), reason (regex)
    ("bad_empty_pattern.yaml", "kyiv", r"terms\[1\] is an empty pattern"),
    ("bad_regex.yaml", "sham", r"regex pattern .* does not compile"),
    ("bad_duplicate_entry.yaml", "kyiv", r"duplicate key, defined twice \(lines 3 and 13\)"),
    ("bad_duplicate_form.yaml", "kyiv", r"duplicate key 'Kyiv' in forms at line 7"),
    ("bad_unknown_field.yaml", "kyiv", r"unknown field\(s\) exception"),
    ("bad_unknown_feature.yaml", "kyiv", r"unknown feature 'spelling'"),
    ("bad_missing_forms.yaml", "kyiv", r"missing field 'forms'"),
    ("bad_variant_category.yaml", "kyiv", r"needs category ukrainian, russian, neutral; got 'ukrainain'"),
    ("bad_duplicate_term.yaml", "other", r"term 'Invasion' is also a term of entry 'war_name'"),
    ("bad_cue_category.yaml", None, r"unknown cue category 'sceptical'"),
    ("bad_cue_twice.yaml", None, r"cue 'insist' is in two categories"),
    ("bad_cue_file.yaml", None, r"no shipped cue file 'cues_xx'"),
    ("bad_distance_words.yaml", None, r"distance_words: no shipped distance-word list 'distance_words_xx'"),
    ("bad_requires.yaml", "volodymyr", r"unknown field\(s\) in requires: followed_by"),
    ("bad_exception_regex.yaml", "odesa", r"exceptions pattern .* does not compile"),
    ("bad_no_patterns.yaml", "odesa", r"no patterns"),
    ("bad_case.yaml", "odesa", r"case must be one of"),
    ("bad_not_yaml.yaml", None, r"not valid YAML at line 6"),
    ("bad_top_field.yaml", None, r"unknown top-level field\(s\) entry"),
    ("bad_term_spaces.yaml", "kyiv", r"terms\[0\] 'Kyiv ' has leading or trailing spaces"),
]


@pytest.mark.parametrize("fname,entry,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_codebook_names_file_entry_and_reason(cb_dir, fname, entry, reason):
    with pytest.raises(CodebookError) as info:
        load_codebook(cb_dir / fname)
    msg = str(info.value)
    assert fname in msg
    if entry is not None:
        assert f"entry {entry!r}" in msg
    assert re.search(reason, msg), msg
    assert isinstance(info.value, FramingError)


def test_duplicate_yaml_keys_are_not_silently_merged(cb_dir, tmp_path):
    # plain yaml.safe_load keeps the last 'kyiv' and drops the first without a word
    import yaml

    text = (cb_dir / "bad_duplicate_entry.yaml").read_text()
    assert list(yaml.safe_load(text)["entries"]) == ["kyiv", "kharkiv"]
    with pytest.raises(CodebookError):
        load_codebook(cb_dir / "bad_duplicate_entry.yaml")


def test_cli_codebook_prints_one_line_error(cb_dir, capsys):
    assert main(["codebook", str(cb_dir / "bad_unknown_feature.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "bad_unknown_feature.yaml" in err and "'kyiv'" in err and "unknown feature" in err
    assert main(["codebook", "migration"]) == 0
    assert "codebook migration" in capsys.readouterr().out
