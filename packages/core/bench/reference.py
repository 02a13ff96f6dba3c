#!/usr/bin/env python3
"""The LSTM-SVM pipeline in PyTorch + scikit-learn, for timing against the TypeScript engine.

Same steps and sizes as src/pipeline (defaults): per-gene z-score; a 64-unit LSTM next-step
forecaster trained (Adam 1e-3, batch 64, MSE) on a seeded sample of genes for a FIXED number of
epochs (the bench passes the epochs our run used, so no early stopping here); the final hidden
state of every gene as embedding; features = standardised embedding (weight 0.1) + profile;
KMeans (k-means++, 10 restarts); RBF SVC refinement (C = 1, gamma "scale", <= 200 genes per
cluster, 5-fold cross-prediction, <= 20 iterations) and a final 2-fold probability pass;
`--outer` rounds of fine-tuning (5 epochs, forecasting + cluster cross-entropy), re-embedding,
warm-started KMeans and refinement. Simplifications (timing reference, not a second product):
no fixed background centroid (sklearn's KMeans cannot hold one), no background class in the
SVM, no bicluster extraction (a fraction of a second in ours).
Prints one JSON line: {"total": s, "stages": {"lstm": s, "kmeans": s, "svm-refine": s}, "peakRssMb": MB}.
Threads: 1 by default (torch.set_num_threads(1)): on the 2-core machines here PyTorch runs this
LSTM 3-4x faster with 1 thread than with 2.
`--throughput N T` instead times LSTM training alone (N sequences of T steps, batch 64, 3 epochs)
and prints {"sequencesPerSecond": ...}.
"""
import argparse
import csv
import json
import math
import resource
import time

import numpy as np
import torch
from sklearn.cluster import KMeans
from sklearn.svm import SVC


def read_csv(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    values = np.array([[float("nan") if v in ("", "NA") else float(v) for v in r[1:]] for r in rows[1:]])
    means = np.nanmean(values, axis=1, keepdims=True)
    values = np.where(np.isnan(values), means, values)
    sd = values.std(axis=1, keepdims=True)
    keep = sd[:, 0] > 1e-6
    values = values[keep]
    return ((values - values.mean(axis=1, keepdims=True)) / sd[keep]).astype(np.float32)


class Forecaster(torch.nn.Module):
    def __init__(self, units):
        super().__init__()
        self.lstm = torch.nn.LSTM(1, units, batch_first=True)
        self.head = torch.nn.Linear(units, 1)
        self.label_head = None

    def forward(self, x):
        out, (h, _) = self.lstm(x.unsqueeze(-1))
        return self.head(out[:, :-1, :]).squeeze(-1), h[-1]


def train(model, seqs, epochs, window, rng, labels=None, batch=64, lr=1e-3):
    params = list(model.parameters())
    opt = torch.optim.Adam(params, lr=lr)
    n, T = seqs.shape
    for _ in range(epochs):
        order = rng.permutation(n)
        for s in range(0, n, batch):
            idx = order[s : s + batch]
            if window < T and labels is None:
                starts = rng.integers(0, T - window + 1, size=len(idx))
                x = np.stack([seqs[i, a : a + window] for i, a in zip(idx, starts)])
            else:
                x = seqs[idx]
            x = torch.from_numpy(x)
            pred, h = model(x)
            loss = torch.mean((pred - x[:, 1:]) ** 2)
            if labels is not None:
                y = torch.from_numpy(labels[idx]).long()
                mask = y >= 0
                if mask.any():
                    logits = model.label_head(h[mask])
                    loss = loss + torch.nn.functional.cross_entropy(logits, y[mask])
            opt.zero_grad()
            loss.backward()
            opt.step()


def embed(model, seqs):
    with torch.no_grad():
        out = []
        for s in range(0, len(seqs), 2048):
            out.append(model(torch.from_numpy(seqs[s : s + 2048]))[1].numpy())
        return np.concatenate(out)


def features(profiles, emb, weight=0.1):
    z = (emb - emb.mean(0)) / (emb.std(0) + 1e-12)
    return np.hstack([z * math.sqrt(weight * profiles.shape[1] / emb.shape[1]), profiles])


def stratified(labels, per, folds, rng):
    fold = np.full(len(labels), -1)
    for c in np.unique(labels[labels >= 0]):
        members = rng.permutation(np.flatnonzero(labels == c))[:per]
        fold[members] = np.arange(len(members)) % folds
    return fold


def cross_predict(X, labels, fold, folds, probability):
    n = len(X)
    pred = labels.copy()
    prob_cur = np.zeros(n)
    sample = fold >= 0
    for f in range(folds):
        fit = sample & (fold != f)
        mine = (fold == f) | (~sample & (np.arange(n) % folds == f))
        svm = SVC(kernel="rbf", C=1.0, gamma="scale", probability=probability, random_state=0)
        svm.fit(X[fit], labels[fit])
        if probability:
            p = svm.predict_proba(X[mine])
            cols = {c: i for i, c in enumerate(svm.classes_)}
            pred[mine] = svm.classes_[p.argmax(1)]
            prob_cur[mine] = [p[r, cols[l]] if l in cols else 0 for r, l in enumerate(labels[mine])]
        else:
            pred[mine] = svm.predict(X[mine])
    return pred, prob_cur


def refine(X, labels, rng, max_iter=20, folds=5, per=200, tol=0.005, confidence=0.5):
    labels = labels.copy()
    for _ in range(max_iter):
        fold = stratified(labels, per, folds, rng)
        pred, _ = cross_predict(X, labels, fold, folds, False)
        changed = int(np.sum((pred != labels) & (labels >= 0)))
        labels = np.where(labels >= 0, pred, labels)
        if changed <= tol * len(X):
            break
    fold = stratified(labels, 100, 2, rng)
    _, prob = cross_predict(X, labels, fold, 2, True)
    return np.where((labels >= 0) & (prob < confidence), -1, labels)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--k", type=int, required=True)
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--train", type=int, default=512)
    ap.add_argument("--outer", type=int, default=3)
    ap.add_argument("--units", type=int, default=64)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--throughput", type=int, nargs=2, metavar=("N", "T"))
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    if a.throughput:
        n, T = a.throughput
        seqs = (np.sin(np.arange(n * T) / 3) + 0.3 * rng.standard_normal(n * T)).astype(np.float32).reshape(n, T)
        model = Forecaster(a.units)
        train(model, seqs, 1, T, rng)  # warm-up
        t = time.perf_counter()
        train(model, seqs, 3, T, rng)
        print(json.dumps({"sequencesPerSecond": 3 * n / (time.perf_counter() - t), "threads": a.threads}))
        return
    stages = {"lstm": 0.0, "kmeans": 0.0, "svm-refine": 0.0}
    t_all = time.perf_counter()
    profiles = read_csv(a.csv)
    n, T = profiles.shape
    sample = np.sort(rng.choice(n, size=min(n, a.train), replace=False))
    model = Forecaster(a.units)
    t = time.perf_counter()
    train(model, profiles[sample], a.epochs, min(T, 31), rng)
    X = features(profiles, embed(model, profiles))
    stages["lstm"] += time.perf_counter() - t
    t = time.perf_counter()
    km = KMeans(a.k, n_init=10, random_state=a.seed).fit(X)
    labels = km.labels_
    stages["kmeans"] += time.perf_counter() - t
    t = time.perf_counter()
    labels = refine(X, labels, rng)
    stages["svm-refine"] += time.perf_counter() - t
    model.label_head = torch.nn.Linear(a.units, a.k)
    for _ in range(a.outer):
        t = time.perf_counter()
        train(model, profiles[sample], 5, T, rng, labels=labels[sample])
        X = features(profiles, embed(model, profiles))
        stages["lstm"] += time.perf_counter() - t
        t = time.perf_counter()
        present = [c for c in range(a.k) if np.any(labels == c)]
        init = np.stack([X[labels == c].mean(0) for c in present])
        labels = KMeans(len(present), init=init, n_init=1).fit(X).labels_
        stages["kmeans"] += time.perf_counter() - t
        t = time.perf_counter()
        labels = refine(X, labels, rng)
        stages["svm-refine"] += time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"total": time.perf_counter() - t_all, "stages": stages, "genes": n, "timePoints": T, "peakRssMb": round(peak)}))


if __name__ == "__main__":
    main()
