#!/usr/bin/env python3
"""Checks `mnist export` against the .NET model, in PyTorch (and ONNX Runtime when installed).

usage: check_pytorch_export.py STATE_DICT ONNX MNIST_DIR EXPECTED_CSV

EXPECTED_CSV is `mnist predict --model M MNIST_DIR/t10k-images-idx3-ubyte.gz --all-probabilities --out EXPECTED_CSV`:
one row per test image with `predicted` and `p_0` ... `p_9`. The state_dict must load into the tutorial's SimpleNN
with load_state_dict(torch.load(...)); its predictions and probabilities must match the .NET model's (1e-5).
"""
import csv
import gzip
import os
import sys

import numpy as np
import torch
from torch import nn

from checks import Checks, onnxruntime_score


class SimpleNN(nn.Module):
    """The PyTorch tutorial's network."""

    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512),
            nn.ReLU(),
            nn.Linear(512, 256),
            nn.ReLU(),
            nn.Linear(256, 10),
        )

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))


def read_images(path):
    """IDX images: big-endian header (magic 2051, count, rows, cols), then unsigned bytes; scaled by 1/255."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count, rows, cols = np.frombuffer(data, dtype=">i4", count=4)
    if magic != 2051:
        raise ValueError(f"{path}: magic {magic}, expected 2051")
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16)
    if pixels.size != count * rows * cols:
        raise ValueError(f"{path}: {pixels.size} pixels, expected {count}x{rows}x{cols}")
    return pixels.reshape(count, rows, cols).astype(np.float32) / 255.0


def read_expected(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    columns = [f"p_{d}" for d in range(10)]
    missing = [c for c in ["predicted"] + columns if c not in rows[0]]
    if missing:
        raise ValueError(f"{path}: missing columns {missing} (run mnist predict with --all-probabilities)")
    predicted = np.array([int(r["predicted"]) for r in rows])
    probabilities = np.array([[float(r[c]) for c in columns] for r in rows], dtype=np.float64)
    return predicted, probabilities


def main(argv):
    if len(argv) != 5:
        print(__doc__)
        return 2
    state_dict_path, onnx_path, mnist_dir, expected_path = argv[1:]
    checks = Checks()
    images = read_images(os.path.join(mnist_dir, "t10k-images-idx3-ubyte.gz"))
    expected_predicted, expected_probabilities = read_expected(expected_path)
    checks.check("expected file has a row per test image", len(expected_predicted) == len(images),
                 f"({len(expected_predicted)} rows, {len(images)} images)")

    model = SimpleNN()
    try:
        model.load_state_dict(torch.load(state_dict_path))
        checks.check("state_dict loads into SimpleNN", True)
        model.eval()
        with torch.no_grad():
            probabilities = torch.softmax(model(torch.from_numpy(images)), dim=1).double().numpy()
        checks.compare("PyTorch", probabilities, expected_predicted, expected_probabilities)
    except Exception as e:  # a failed load is a failed check, not a crash
        checks.check("state_dict loads into SimpleNN", False, f"({type(e).__name__}: {e})")

    score = onnxruntime_score(onnx_path, images.reshape(len(images), -1))
    if score is not None:
        checks.compare("ONNX Runtime", score, expected_predicted, expected_probabilities)

    return checks.summary()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
