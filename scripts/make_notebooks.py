"""Write the report notebooks (notebooks/*.ipynb and the copies shipped in src/framing/templates/).

The notebooks are the source researchers read and extend; this script only keeps them clean and
consistent (no outputs, deterministic cell ids, a `parameters` cell of literals, one call or one
displayed result per cell). Run it after editing a cell here:

    python scripts/make_notebooks.py          # write
    python scripts/make_notebooks.py --check  # exit 1 if the committed notebooks differ
"""
from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
TARGETS = [ROOT / "notebooks", ROOT / "src" / "framing" / "templates"]


def md(text: str):
    return ("md", textwrap.dedent(text).strip("\n"))


def code(text: str, *tags: str):
    return ("code", textwrap.dedent(text).strip("\n"), tags)


def params(text: str):
    """The cell tagged `parameters`: literals only, one per line, each with a comment."""
    head = ("# Parameters (literals only; papermill -p overrides them in a cell it adds below; derived values come next).\n"
            "corpus = None  # path of a docs.parquet; None: the bundled ukraine-media sample in data/processed/\n")
    return ("code", head + textwrap.dedent(text).strip("\n"), ("parameters",))

#: The opening of both reports' scare-quote section: what the counts are, and how far to trust them.
SCARE_HEADING = '''
        ## Scare quotes

        The extractor types a quoted word or short phrase **scare** when the article attributes it to no one
        (*Putin was “re-elected”*, *the ‘liberation’ of Mariupol*). On new text that typing is about half right
        (held-out gold, README "Accuracy": most false ones are terms, names, or a source's words the rules did
        not tie to the source), so these counts are **candidates**: read the sample below before comparing
        outlets, and report the hand-checked share with any scare-quote rate.'''

SETUP = code('''
    import pandas as pd

    from framing import kwic, plots, reports, stats

    plots.use_house_style()
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.precision", 3)
''')

PROVENANCE = [
    md('''
        ## Provenance

        What this report was computed from: the framing version, the codebook (name and SHA-256 of its
        file), the document table (path and SHA-256), the number of documents, the date range asked for and
        found, and every parameter. Cite the framing version and keep this table with the figures.
    '''),
    code('reports.show_table(reports.provenance(inputs), "provenance", inputs, caption="Provenance of this report.")'),
]

OUTLET = [
    md('''
        # One outlet against the rest of the corpus

        How does this outlet frame the events its articles cover, compared with every other outlet of the same
        corpus? The report measures four things: the spelling of contested place names (Kyiv or Kiev), the
        rate of framing labels, hedges and sourcing expressions, the attribution verbs used for each quoted
        speaker, and the words that set the outlet apart. Every number comes from the hits table — one row per
        match, with its offsets — so any count can be read in context with `framing kwic`.
    '''),
    SETUP,
    params('''
        outlet = None  # e.g. "RT"; None: the outlet with most documents
        codebook = "russia_ukraine"  # shipped codebook name, or path to a YAML codebook
        date_from = None  # "YYYY-MM-DD", or None for the start of the corpus
        date_to = None  # "YYYY-MM-DD" (inclusive), or None for the end
        output_dir = None  # figures/ and tables/ go here; None: reports/_interactive/<corpus>/<outlet>
        seed = 20221124  # seed of every bootstrap and permutation
    '''),
    code('''
        # Derived values: the tables restricted to the date range, the outlet, the output folders.
        inputs = reports.report_setup(corpus=corpus, outlet=outlet, codebook=codebook, date_from=date_from,
                                      date_to=date_to, output_dir=output_dir, seed=seed)
        docs, hits, doc_features, outlet = inputs.docs, inputs.hits, inputs.features, inputs.outlet
        vs_rest = reports.versus_rest(docs, outlet)
    '''),
    code('reports.report_heading(inputs)'),
    md('''
        ## The corpus

        Documents, words and framing hits per outlet in the date range. Rates are hits per 1,000 words of
        article text (ratio of sums over documents) with a 95% bootstrap interval over documents: the hits of
        one article are not independent, so the article is the unit that is resampled. A row with fewer than
        five documents is marked `insufficient` and has no interval.
    '''),
    code('overview = stats.outlet_rates(docs, hits, seed=seed)'),
    code('reports.show_table(overview, "corpus_overview", inputs, caption="Documents, words and hits per 1,000 words, by outlet.")'),
    md('''
        ## Spelling of contested place names

        For each variant key of the codebook (Kyiv/Kiev, Kharkiv/Kharkov, Odesa/Odessa, …), the share of the
        Ukrainian-derived form among all uses of either form, headlines included, for this outlet and for all
        other outlets pooled. The interval is a bootstrap over the documents that use the key.
    '''),
    code('shares = stats.variant_shares(vs_rest, hits, seed=seed)'),
    code('reports.show_figure(reports.optional(plots.plot_intervals, shares, estimate="share_ukrainian", label="key", hue="outlet", xlim=(0, 1), xlabel="Share of the Ukrainian form"), "variant_shares", inputs)'),
    code('reports.show_table(shares, "variant_shares", inputs, caption="Share of the Ukrainian form per variant key, outlet against all others.")'),
    md('''
        ### In context

        Each spelling the outlet uses, as written, in its sentence (keyword in context; the first occurrence
        of each key and form): read what the counts count before trusting them. `framing kwic` lists them all.
    '''),
    code('examples = kwic.kwic(docs, hits, feature="variant", outlet=outlet, width=70)'),
    code('reports.show_table(examples.drop_duplicates(["key", "match"])[["date", "key", "left", "match", "right"]], "variant_examples", inputs, caption="Each spelling the outlet uses, in context (first occurrence of each key and form).", max_rows=30)'),
    md('''
        ## Labels, hedges and sourcing

        Rate of each codebook feature in this outlet against all other documents: rate ratio with a bootstrap
        interval, and a permutation test (documents shuffled between the two groups) with Holm's correction
        across every feature tested. The figure shows the features tested (enough documents on both sides);
        the table lists every feature, by adjusted p-value.
    '''),
    code('compared = reports.optional(stats.compare_outlets, vs_rest, hits, seed=seed).query("outlet == @outlet")'),
    code('reports.show_figure(reports.optional(plots.plot_rate_ratios, compared.query("not insufficient")), "features_vs_rest", inputs)'),
    code('reports.show_table(compared.sort_values("p_adjusted"), "features_vs_rest", inputs, caption="Feature rates per 1,000 words, outlet against all others, by adjusted p-value.")'),
    md('''
        ## Who is quoted, and with which verbs

        For each frequently quoted speaker, the share of neutral ("said"), endorsing ("explained") and
        distancing ("claimed") attribution cues, in this outlet and in all others. Speakers are grouped by
        surname, whatever the spelling (Zelensky, Zelenskyy).
    '''),
    code('attribution = reports.optional(stats.attribution_by_speaker, vs_rest, hits, min_quotes=10, seed=seed)'),
    code('reports.show_figure(reports.optional(plots.plot_cue_categories, attribution), "attribution_cues", inputs)'),
    code('reports.show_table(attribution, "attribution_cues", inputs, caption="Attribution cue categories per speaker, outlet against all others.")'),
    md(SCARE_HEADING + '''
        The outlet's rate against the rest is the row *quote / scare* of the feature table above; here is a
        seeded random sample of its scare-quote candidates, each in its sentence.
    '''),
    code('scare_sample = kwic.sample_kwic(kwic.kwic(docs, hits, feature="quote", key="scare", outlet=outlet, width=70), n=20, by=None, seed=seed)'),
    code('reports.show_table(scare_sample[["date", "left", "match", "right"]], "scare_quote_sample", inputs, caption="A random sample of the outlet\'s scare-quote candidates, in context: read before counting.", max_rows=20)'),
    md('''
        ## Words that set the outlet apart

        Keyness of words in this outlet's articles against all other articles: log-likelihood G² (Dunning
        1993) with the log ratio as effect size; and, as a check that is less driven by frequency, the
        log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008). Raw counts in
        target and reference are kept in the tables.
    '''),
    code('keywords = reports.optional(stats.keyness, docs, target=outlet)'),
    code('reports.show_figure(reports.optional(plots.plot_keyness, keywords, target_label=outlet, reference_label="all other outlets"), "keyness", inputs)'),
    code('reports.show_table(keywords.head(30), "keyness", inputs, caption="Most distinctive words (G²), outlet against all others.")'),
    code('log_odds = reports.optional(stats.log_odds_dirichlet, docs, target=outlet)'),
    code('reports.show_table(log_odds.head(30), "log_odds", inputs, caption="Log-odds ratio with informative Dirichlet prior, outlet against all others.")'),
    *PROVENANCE,
]

COMPARISON = [
    md('''
        # Outlets compared

        All outlets of the corpus side by side: the spelling of contested place names, the rate of each
        framing feature, attribution verbs per quoted speaker, and how distinctive each outlet's framing is as
        a whole. Every number comes from the hits table, so any count can be read in context with
        `framing kwic`.
    '''),
    SETUP,
    params('''
        outlets = None  # e.g. ["RT", "BBC"]; None: every outlet
        codebook = "russia_ukraine"  # shipped codebook name, or path to a YAML codebook
        date_from = None  # "YYYY-MM-DD", or None for the start of the corpus
        date_to = None  # "YYYY-MM-DD" (inclusive), or None for the end
        output_dir = None  # figures/ and tables/ go here; None: reports/_interactive/<corpus>/comparison
        seed = 20221124  # seed of every bootstrap and permutation
    '''),
    code('''
        # Derived values: the tables restricted to the date range and outlets, the output folders.
        inputs = reports.report_setup(corpus=corpus, outlets=outlets, codebook=codebook, date_from=date_from,
                                      date_to=date_to, output_dir=output_dir, seed=seed, kind="comparison")
        docs, hits, doc_features = inputs.docs, inputs.hits, inputs.features
    '''),
    code('reports.report_heading(inputs)'),
    md('''
        ## The corpus

        Documents, words and framing hits per outlet. Rates are hits per 1,000 words of article text with a
        95% bootstrap interval over documents (the article is the unit resampled). Rows with fewer than five
        documents are marked `insufficient` and have no interval.
    '''),
    code('overview = stats.outlet_rates(docs, hits, seed=seed)'),
    code('reports.show_table(overview, "corpus_overview", inputs, caption="Documents, words and hits per 1,000 words, by outlet.")'),
    md('''
        ## Spelling of contested place names

        Share of the Ukrainian-derived form (Kyiv, Kharkiv, Odesa, …) among all uses of either form, per
        outlet and variant key, headlines included; bootstrap interval over the documents using the key.
        Then every pair of outlets: the difference of their shares with its interval and a permutation test,
        Holm-corrected across all pairs and keys (the figure shows Kyiv/Kiev; the table every key).
    '''),
    code('shares = stats.variant_shares(docs, hits, seed=seed)'),
    code('reports.show_figure(reports.optional(plots.plot_variant_shares, shares, key="kyiv"), "kyiv_share", inputs)'),
    code('reports.show_figure(reports.optional(plots.plot_heatmap, shares, row="outlet", col="key", value="share_ukrainian", fmt="{:.2f}", colorbar_label="share of the Ukrainian form"), "variant_shares", inputs)'),
    code('reports.show_table(shares, "variant_shares", inputs, caption="Share of the Ukrainian form per outlet and variant key.")'),
    code('pairs = reports.optional(stats.compare_variant_shares, docs, hits, seed=seed)'),
    code('reports.show_figure(reports.optional(plots.plot_share_differences, pairs.query("key == \'kyiv\'")), "kyiv_share_differences", inputs)'),
    code('reports.show_table(pairs.sort_values(["p_adjusted", "key"]), "variant_share_differences", inputs, caption="Pairwise differences in the share of the Ukrainian form.")'),
    md('''
        ## Over time

        Share of "Kyiv" among all uses of Kyiv or Kiev, per outlet and month (months with fewer than five
        documents using either form have no interval).
    '''),
    code('monthly = stats.variant_shares(docs, hits, by=["outlet", "month"], key="kyiv", seed=seed)'),
    code('reports.show_figure(reports.optional(plots.plot_time_series, monthly, y="share_ukrainian", ylabel="share of Kyiv"), "kyiv_share_by_month", inputs)'),
    md('''
        ## Framing features by outlet

        Rate per 1,000 words of each feature and codebook key, per outlet; then each outlet against all others
        (rate ratio, bootstrap interval, permutation test with Holm's correction across every outlet × feature).
    '''),
    code('rates = stats.outlet_rates(docs, hits, levels=["feature", "key"], seed=seed)'),
    code('reports.show_figure(reports.optional(plots.plot_heatmap, rates, row="outlet", col="key"), "feature_rates", inputs)'),
    code('reports.show_table(rates, "feature_rates", inputs, caption="Rate per 1,000 words of each feature and key, by outlet.")'),
    code('compared = reports.optional(stats.compare_outlets, docs, hits, seed=seed)'),
    code('reports.show_table(compared.sort_values("p_adjusted"), "outlets_vs_rest", inputs, caption="Each outlet against all others: rate ratios and corrected p-values.")'),
    md('''
        ## Who is quoted, and with which verbs

        For each frequently quoted speaker, the share of neutral, endorsing and distancing attribution cues per
        outlet: does an outlet write "claimed" for one side and "said" for the other?
    '''),
    code('attribution = reports.optional(stats.attribution_by_speaker, docs, hits, min_quotes=10, seed=seed)'),
    code('reports.show_figure(reports.optional(plots.plot_cue_categories, attribution), "attribution_cues", inputs)'),
    code('reports.show_table(attribution, "attribution_cues", inputs, caption="Attribution cue categories per speaker and outlet.")'),
    md(SCARE_HEADING + '''
        First the rate per outlet (scare-quote candidates per 1,000 words, with the bootstrap interval of the
        feature table above), then five candidates per outlet drawn at random, each in its sentence.
    '''),
    code('scare_rates = rates.query("feature == \'quote\' and key == \'scare\'")'),
    code('reports.show_figure(reports.optional(plots.plot_intervals, scare_rates, estimate="rate", xlabel="scare-quote candidates per 1,000 words"), "scare_quote_rates", inputs)'),
    code('scare_sample = kwic.sample_kwic(kwic.kwic(docs, hits, feature="quote", key="scare", width=70), n=5, by="outlet", seed=seed)'),
    code('reports.show_table(scare_sample[["outlet", "date", "left", "match", "right"]], "scare_quote_sample", inputs, caption="Five scare-quote candidates per outlet, drawn at random, in context: read before comparing rates.", max_rows=60)'),
    md('''
        ## How distinctive is each outlet's framing?

        A cross-validated classifier predicts the outlet of an article from its framing features alone,
        against a majority-class baseline (balanced accuracy is the fair score with unequal outlet sizes);
        then a map of outlets, the first two principal components of their framing profiles.
    '''),
    code('classifier = reports.optional(stats.outlet_classifier, doc_features, seed=seed)'),
    code('reports.show_table(classifier.summary, "classifier_scores", inputs, caption="Predicting the outlet from framing features: cross-validated scores against a majority baseline.")'),
    code('reports.show_table(classifier.top_features, "classifier_top_features", inputs, caption="Most telling framing features per outlet (standardised coefficients).")'),
    code('outlet_map = reports.optional(stats.outlet_map, doc_features)'),
    code('reports.show_figure(reports.optional(plots.plot_outlet_map, outlet_map.coords, explained=outlet_map.explained), "outlet_map", inputs)'),
    *PROVENANCE,
]

EXPLORE = [
    md('''
        # Exploring a corpus

        The starting point for your own analysis: load a corpus, read any codebook entry in context, and get
        quick per-outlet tables. Copy this notebook, change the parameters, and extend it; the report
        notebooks (`outlet_report.ipynb`, `comparison_report.ipynb`) show every statistic and figure the
        library offers.
    '''),
    SETUP,
    params('''
        outlet = None  # outlet for the KWIC listing, e.g. "RT"; None: the outlet with most documents
        codebook = "russia_ukraine"  # shipped codebook name, or path to a YAML codebook
        date_from = None  # "YYYY-MM-DD", or None for the start of the corpus
        date_to = None  # "YYYY-MM-DD" (inclusive), or None for the end
        output_dir = None  # tables/ go here; None: reports/_interactive/<corpus>/<outlet>
        seed = 20221124  # seed of every bootstrap and permutation
        key = "kyiv"  # codebook key to read in context (see the codebook table below)
    '''),
    code('''
        # Derived values: the tables restricted to the date range, the outlet, the output folders.
        inputs = reports.report_setup(corpus=corpus, outlet=outlet, codebook=codebook, date_from=date_from,
                                      date_to=date_to, output_dir=output_dir, seed=seed)
        docs, hits, doc_features, outlet = inputs.docs, inputs.hits, inputs.features, inputs.outlet
    '''),
    code('reports.report_heading(inputs)'),
    md('''
        ## The documents

        One row per article: `text` as found, `clean_text` with page furniture removed (quotes and spellings
        untouched); hits' offsets index into `clean_text` (or `title`). The first documents of the chosen
        outlet:
    '''),
    code('docs.query("outlet == @outlet")[["doc_id", "date", "title", "n_words"]].head(10)'),
    md('''
        ## The codebook

        Every entry the features were extracted with; `key` is what the functions below filter on.
    '''),
    code('reports.codebook_table(inputs.codebook)'),
    md('''
        ## Hits per outlet

        Number of hits of each feature per outlet (raw counts: the rates with intervals come next).
    '''),
    code('hits.merge(docs[["doc_id", "outlet"]], on="doc_id").pivot_table(index="feature", columns="outlet", values="doc_id", aggfunc="count", fill_value=0)'),
    md('''
        ## A codebook key in context

        Keyword in context for `key` in the chosen outlet: read what the counts count before trusting them.
    '''),
    code('lines = kwic.kwic(docs, hits, key=key, outlet=outlet, width=60)'),
    code('lines[["doc_id", "date", "left", "match", "right"]].head(20)'),
    md('''
        ## Quick per-outlet tables

        Rate per 1,000 words of `key` per outlet, and the share of the Ukrainian form for each variant key,
        each with 95% bootstrap intervals over documents.
    '''),
    code('stats.outlet_rates(docs, hits, key=key, seed=seed)'),
    code('stats.variant_shares(docs, hits, seed=seed)'),
    *PROVENANCE,
]

NOTEBOOKS = {
    "outlet_report.ipynb": ("Framing report: one outlet against the rest", OUTLET),
    "comparison_report.ipynb": ("Framing report: outlets compared", COMPARISON),
    "explore.ipynb": ("Exploring a corpus with framing", EXPLORE),
}


def build(title: str, cells) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "title": title,
    }
    for i, spec in enumerate(cells):
        if spec[0] == "md":
            cell = new_markdown_cell(spec[1])
        else:
            cell = new_code_cell(spec[1])
            if spec[2]:
                cell.metadata["tags"] = list(spec[2])
        cell["id"] = f"cell-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that the notebooks are up to date")
    args = ap.parse_args(argv)
    stale = []
    for name, (title, cells) in NOTEBOOKS.items():
        text = nbformat.writes(build(title, cells)) + "\n"
        for folder in TARGETS:
            path = folder / name
            if path.is_file() and path.read_text(encoding="utf-8") == text:
                continue
            if args.check:
                stale.append(path)
            else:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("out of date: " + ", ".join(str(p.relative_to(ROOT)) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
