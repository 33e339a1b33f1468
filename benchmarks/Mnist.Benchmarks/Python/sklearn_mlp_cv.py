"""scikit-learn's MLP with its defaults, cross-validated on one CSV, for the `defaults` benchmark mode.

Usage: python3 sklearn_mlp_cv.py CSV TASK FOLDS SEED   (TASK: multiclass, binary or regression)
The CSV has one header line, the features first and the label last (as the benchmark's Data/ files).
Prints one line: primary secondary (accuracy and log-loss, AUC and F1, or R² and RMSE), means over the folds.
The pipeline is the one the ML.NET trainers get: standardise the features, then the estimator's defaults
(MLPRegressor with max_iter=1000, its default of 200 stops diabetes before it converges).
"""
import sys
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, f1_score, log_loss, mean_squared_error, r2_score, roc_auc_score
from sklearn.model_selection import KFold
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def main(path, task, folds, seed):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    x, y = data[:, :-1], data[:, -1]
    primary, secondary = [], []
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(x):
        estimator = MLPRegressor(max_iter=1000) if task == "regression" else MLPClassifier()
        model = make_pipeline(StandardScaler(), estimator).fit(x[train], y[train])
        if task == "regression":
            predicted = model.predict(x[test])
            primary.append(r2_score(y[test], predicted))
            secondary.append(mean_squared_error(y[test], predicted) ** 0.5)
        elif task == "binary":
            probability = model.predict_proba(x[test])[:, 1]
            primary.append(roc_auc_score(y[test], probability))
            secondary.append(f1_score(y[test], probability > 0.5))
        else:
            primary.append(accuracy_score(y[test], model.predict(x[test])))
            secondary.append(log_loss(y[test], model.predict_proba(x[test]), labels=model.classes_))
    print(f"{np.mean(primary):.6f} {np.mean(secondary):.6f}")


if __name__ == "__main__":
    warnings.simplefilter("ignore", ConvergenceWarning)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
