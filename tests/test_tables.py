"""Paper tables: CSV (all digits) + LaTeX booktabs (escaped, rounded), deterministic and atomic."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing import tables
from framing.io import FramingError


@pytest.fixture()
def shares():
    return pd.DataFrame({
        "outlet": ["RT", "BBC", "R&D_news"],
        "key": ["kyiv", "kyiv", "kyiv"],
        "n_docs_using": [39, 21, 3],
        "share_ukrainian": [0.0071428571, 1.0, 0.5],
        "ci_low": [0.0, 1.0, np.nan],
        "ci_high": [0.0223880597, 1.0, np.nan],
        "insufficient": [False, False, True],
    })


def test_save_table_writes_csv_and_booktabs_latex(shares, tmp_path):
    csv, tex = tables.save_table(shares, tmp_path / "out" / "kyiv_shares", caption="Share of “Kyiv” (95% CI) & n",
                                 label="tab:kyiv", notes="Bootstrap over documents; n_docs_using < 5 flagged.")
    assert (csv.name, tex.name) == ("kyiv_shares.csv", "kyiv_shares.tex")
    back = pd.read_csv(csv)
    assert list(back.columns) == list(shares.columns)
    assert back["share_ukrainian"].iloc[0] == pytest.approx(0.0071428571, rel=1e-9)   # full precision in CSV
    t = tex.read_text(encoding="utf-8")
    for rule in ("\\toprule", "\\midrule", "\\bottomrule", "\\begin{tabular}", "\\label{tab:kyiv}", "\\centering"):
        assert rule in t
    assert "R\\&D\\_news" in t and "share\\_ukrainian" in t                # cells and headers escaped
    assert "\\caption{Share of “Kyiv” (95\\% CI) \\& n}" in t               # caption escaped
    assert "0.01 & 0.00 & 0.02" in t                                        # rounded to %.2f
    assert "--" in t and "yes" in t and "no" in t                           # NaN and booleans readable
    assert "n\\_docs\\_using < 5 flagged" in t
    assert not list((tmp_path / "out").glob(".*"))                          # no temp files left


def test_p_values_print_as_in_a_paper():
    df = pd.DataFrame({"key": ["kyiv", "odesa", "dnipro"], "p_value": [1e-12, 0.0321, np.nan],
                       "p_adjusted": [2e-5, 0.5, np.nan], "g2": [88.1234, 4.6, 0.1]})
    t = tables.to_latex(df, caption="c", label="tab:p")
    assert "kyiv & $<$0.001 & $<$0.001 & 88.12 \\\\" in t
    assert "odesa & 0.032 & 0.500 & 4.60" in t and "dnipro & -- & -- & 0.10" in t


def test_save_table_is_deterministic(shares, tmp_path):
    a = tables.save_table(shares, tmp_path / "a", caption="c", label="tab:a")
    b = tables.save_table(shares, tmp_path / "b", caption="c", label="tab:a")
    for x, y in zip(a, b):
        assert x.read_bytes() == y.read_bytes()
    assert b"\r\n" not in a[0].read_bytes()


def test_format_intervals_says_too_few(shares):
    f = tables.format_intervals(shares, estimate="share_ukrainian", n="n_docs_using", digits=2)
    assert list(f.columns) == ["outlet", "key", "n_docs_using", "share_ukrainian", "insufficient"]
    assert list(f["share_ukrainian"]) == ["0.01 [0.00, 0.02]", "1.00 [1.00, 1.00]", "too few (n=3)"]
    p = tables.format_intervals(shares.iloc[:1], estimate="share_ukrainian", percent=True, digits=1,
                                name="Kyiv, % (95% CI)", drop=False)
    assert p["Kyiv, % (95% CI)"].iloc[0] == "0.7 [0.0, 2.2]" and "ci_low" in p.columns


def test_errors_name_the_problem(shares, tmp_path):
    with pytest.raises(FramingError, match="label"):
        tables.save_table(shares, tmp_path / "x", caption="c", label="tab: kyiv shares")
    with pytest.raises(FramingError, match="column"):
        tables.format_intervals(shares, estimate="rate")
    with pytest.raises(FramingError, match="DataFrame"):
        tables.save_table(shares.to_dict(), tmp_path / "x", caption="c", label="tab:x")


def test_a_meaningful_index_is_kept(tmp_path):
    confusion = pd.DataFrame([[5, 1], [2, 7]], index=pd.Index(["BBC", "RT"], name="true"),
                             columns=pd.Index(["BBC", "RT"], name="predicted"))
    csv, tex = tables.save_table(confusion, tmp_path / "confusion", caption="c", label="tab:c")
    assert pd.read_csv(csv).to_dict("list") == {"true": ["BBC", "RT"], "BBC": [5, 2], "RT": [1, 7]}
    assert "RT & 2 & 7" in tex.read_text()
    filtered = pd.DataFrame({"outlet": ["BBC", "RT", "NYT"], "a": [1, 2, 3]}).query("outlet != 'BBC'")
    back = pd.read_csv(tables.save_table(filtered, tmp_path / "p", caption="c", label="tab:p")[0])
    assert list(back.columns) == ["outlet", "a"]              # row numbers left after filtering are not data
