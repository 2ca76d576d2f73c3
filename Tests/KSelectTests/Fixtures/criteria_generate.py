# Regenerates the scikit-learn and kneed fixtures of the criteria tests.
# Run from the repository root:  python3 Tests/KSelectTests/Fixtures/criteria_generate.py
# (scikit-learn 1.9.1, kneed 0.9.0, numpy 2.4.6, pandas 3.1.1 on this machine.)
import kneed
import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score

OUT = "Tests/KSelectTests/Fixtures/"
SCRIPT = "python3 Tests/KSelectTests/Fixtures/criteria_generate.py"


def number(v):
    return repr(float(v))


iris = pd.read_csv("Data/iris.csv")
X = iris[["sepal_length", "sepal_width", "petal_length", "petal_width"]].to_numpy(dtype=float)
inertias = {}
with open(OUT + "criteria_iris_sklearn.csv", "w") as f:
    f.write(f"# source: {SCRIPT}\n")
    f.write(f"# scikit-learn {sklearn.__version__}: labels of KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)\n")
    f.write("# on Data/iris.csv (4 numeric columns, unscaled), then silhouette_score, calinski_harabasz_score,\n")
    f.write("# davies_bouldin_score on those labels; inertia is the fit's inertia_. labels: 0-based, space-separated.\n")
    f.write("k,silhouette,calinski_harabasz,davies_bouldin,inertia,labels\n")
    for k in range(1, 11):
        model = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
        inertias[k] = model.inertia_
        if k == 1:
            continue
        labels = model.labels_
        f.write(",".join([
            str(k), number(silhouette_score(X, labels)), number(calinski_harabasz_score(X, labels)),
            number(davies_bouldin_score(X, labels)), number(model.inertia_),
            " ".join(str(int(v)) for v in labels)]) + "\n")

curves = [
    ("iris_sklearn_inertia", list(range(1, 11)), [inertias[k] for k in range(1, 11)], 1.0),
    ("iris_sklearn_inertia_S2", list(range(1, 11)), [inertias[k] for k in range(1, 11)], 2.0),
    ("iris_readme_wcss", list(range(1, 11)),
     [681.3706, 152.34795, 78.851441, 57.228473, 46.446182, 39.039987, 34.298230, 30.015881,
      27.895495, 25.972596], 1.0),
    ("hyperbola", list(range(1, 21)), [1.0 / k for k in range(1, 21)], 1.0),
    ("exponential", [0.5 * i for i in range(0, 15)], [np.exp(-0.5 * i) for i in range(0, 15)], 1.0),
    ("exponential_S3", [0.5 * i for i in range(0, 15)], [np.exp(-0.5 * i) for i in range(0, 15)], 3.0),
    ("straight_line_none", list(range(1, 11)), [10.0 - k for k in range(1, 11)], 1.0),
    ("two_points_none", [1, 2], [5.0, 1.0], 1.0),
    ("constant_none", list(range(1, 6)), [3.0] * 5, 1.0),
    ("two_elbows", list(range(1, 13)), [100, 60, 35, 33, 31, 29, 12, 10, 9, 8.5, 8, 7.8], 1.0),
    ("uneven_x", [1, 2, 4, 7, 11, 16, 22], [50, 30, 12, 8, 6, 5, 4.5], 1.0),
    ("noisy_flat_start", list(range(1, 10)), [10, 10, 9.9, 4, 2, 1.5, 1.2, 1.1, 1.0], 1.0),
]
with open(OUT + "criteria_kneed.csv", "w") as f:
    f.write(f"# source: {SCRIPT}\n")
    f.write(f"# kneed {kneed.__version__}: KneeLocator(x, y, S=S, curve='convex', direction='decreasing').knee\n")
    f.write("# (defaults: interp_method='interp1d', online=False). knee empty = None. x, y space-separated.\n")
    f.write("name,S,x,y,knee\n")
    for name, x, y, s in curves:
        knee = kneed.KneeLocator(x, y, S=s, curve="convex", direction="decreasing").knee
        f.write(",".join([name, number(s), " ".join(number(v) for v in x), " ".join(number(v) for v in y),
                          "" if knee is None else number(knee)]) + "\n")
print("ok")

# Random curves: decreasing with noise (sometimes not monotone), uneven x, several S.
rng = np.random.default_rng(20261125)
with open(OUT + "criteria_kneed_random.csv", "w") as f:
    f.write(f"# source: {SCRIPT}\n")
    f.write(f"# kneed {kneed.__version__}: KneeLocator(x, y, S=S, curve='convex', direction='decreasing').knee\n")
    f.write("# on 300 random curves from numpy.random.default_rng(20261125); knee empty = None.\n")
    f.write("name,S,x,y,knee\n")
    for index in range(300):
        n = int(rng.integers(3, 16))
        if rng.random() < 0.5:
            x = [float(v) for v in range(1, n + 1)]
        else:
            x = [float(v) for v in np.cumsum(rng.integers(1, 4, size=n))]
        decay = rng.uniform(0.2, 3.0)
        y = [float(1000 * np.exp(-decay * (v - x[0]) / (x[-1] - x[0]) * 3) + rng.normal(0, rng.choice([0, 5, 40])))
             for v in x]
        y = [round(v, 6) for v in y]
        s = float(rng.choice([0.5, 1.0, 1.0, 2.0, 3.0]))
        knee = kneed.KneeLocator(x, y, S=s, curve="convex", direction="decreasing").knee
        f.write(",".join([f"random{index}", number(s), " ".join(number(v) for v in x),
                          " ".join(number(v) for v in y), "" if knee is None else number(knee)]) + "\n")
print("random ok")
