"""scikit-learn reference figures for bench-predict, on the same split as bench/predict.rs.

UCI Bank Marketing (examples/data/bank-additional-full.csv), `duration` left out, trained on every row
whose 0-based index is not a multiple of 5 and tested on the rows whose index is: holdout AUC, log
loss and Brier score of LogisticRegression (one-hot categoricals, standardised numerics) and
HistGradientBoostingClassifier (native categoricals), as examples/data/README.md describes them.

Needs scikit-learn and pandas (`pip install scikit-learn pandas`); `make bench-predict` runs it when
they import and says so when they do not.
    python3 bench/sklearn_reference.py [path-to-bank-additional-full.csv]
"""
import sys

try:
    import pandas as pd
    import sklearn
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler
except ImportError as e:
    print(f"scikit-learn references not recomputed ({e.name} is not installed: pip install scikit-learn pandas)")
    sys.exit(0)

path = sys.argv[1] if len(sys.argv) > 1 else "examples/data/bank-additional-full.csv"
df = pd.read_csv(path, sep=";")
y = (df.pop("y") == "yes").astype(int).to_numpy()
df = df.drop(columns=["duration"])
test = (df.index % 5) == 0
cat = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c])]
num = [c for c in df.columns if c not in cat]

logistic = make_pipeline(
    ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), cat), ("num", StandardScaler(), num)]),
    LogisticRegression(max_iter=2000),
)
hgb_x = df.copy()
hgb_x[cat] = OrdinalEncoder().fit_transform(hgb_x[cat])
hgb = HistGradientBoostingClassifier(categorical_features=[df.columns.get_loc(c) for c in cat], random_state=0)

for name, model, x in [("LogisticRegression", logistic, df), ("HistGradientBoosting", hgb, hgb_x)]:
    model.fit(x[~test], y[~test])
    p = model.predict_proba(x[test])[:, 1]
    label = f"scikit-learn {sklearn.__version__} {name} (computed here)"
    print(f"{label:<52} {roc_auc_score(y[test], p):>8.4f} {log_loss(y[test], p):>9.4f} {brier_score_loss(y[test], p):>7.4f}")
