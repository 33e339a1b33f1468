#!/usr/bin/env python3
"""Checks a layer-stack network's exports against .NET: the ONNX file and the PyTorch state_dict.

usage: check_layer_stack_export.py STATE_DICT ONNX SPELLING SHAPE INPUT_F32 EXPECTED_F32

SPELLING is the whole network's layer spelling as .NET writes it (`conv8k3,pool2,flatten,dense10:linear`), SHAPE
the input as CHANNELS,ROWS,COLUMNS (or one number for a vector). INPUT_F32 holds float32 rows of features and
EXPECTED_F32 the .NET model's class probabilities for them, both raw little-endian.

The ONNX file must pass onnx.checker with full_check. The state_dict must load (strictly) into the equivalent
torch.nn.Sequential built here from the spelling, whose predictions and probabilities must match .NET's (1e-5);
so must ONNX Runtime's, when it is installed.
"""
import re
import sys

import numpy as np
import onnx
import torch
from torch import nn

from checks import Checks, onnxruntime_score

CONV = re.compile(r"^conv(\d+)k(\d+)(?:s(\d+))?(?:p(\d+))?(:linear|:relu)?$")
DENSE = re.compile(r"^dense(\d+)(:linear|:relu)?$")
POOL = re.compile(r"^pool(\d+)(?:s(\d+))?$")
DROP = re.compile(r"^drop(\d*\.?\d+)$")


def parse(spelling):
    """The layers as (kind, numbers): conv and dense bring a ReLU unless :linear; bn right after them goes first."""
    layers = []
    implied_relu = False
    for token in spelling.split(","):
        follows, implied_relu = implied_relu, False
        if token == "bn":
            layers.insert(len(layers) - 1 if follows else len(layers), ("bn",))
        elif token in ("relu", "flatten"):
            layers.append((token,))
        elif m := CONV.match(token):
            layers.append(("conv", int(m[1]), int(m[2]), int(m[3] or 1), int(m[4] or 0)))
            implied_relu = m[5] != ":linear"
        elif m := DENSE.match(token):
            layers.append(("dense", int(m[1])))
            implied_relu = m[2] != ":linear"
        elif m := POOL.match(token):
            layers.append(("pool", int(m[1]), int(m[2] or m[1])))
        elif m := DROP.match(token):
            layers.append(("drop", float(m[1])))
        else:
            raise ValueError(f"token '{token}' is not a layer")
        if implied_relu:
            layers.append(("relu",))
    return layers


def build(spelling, shape):
    """The torch.nn.Sequential .NET's state_dict keys index: Unflatten first for an image, then one module a layer."""
    modules = []
    if len(shape) == 3:
        modules.append(nn.Unflatten(1, tuple(shape)))
        channels, rows, cols = shape
    else:
        channels, rows, cols = shape[0], 0, 0
    for layer in parse(spelling):
        kind = layer[0]
        if kind == "conv":
            _, filters, kernel, stride, padding = layer
            modules.append(nn.Conv2d(channels, filters, kernel, stride, padding))
            channels, rows, cols = filters, (rows + 2 * padding - kernel) // stride + 1, (cols + 2 * padding - kernel) // stride + 1
        elif kind == "pool":
            _, size, stride = layer
            modules.append(nn.MaxPool2d(size, stride))
            rows, cols = (rows - size) // stride + 1, (cols - size) // stride + 1
        elif kind == "flatten":
            modules.append(nn.Flatten())
            channels, rows, cols = channels * max(rows, 1) * max(cols, 1), 0, 0
        elif kind == "dense":
            modules.append(nn.Linear(channels, layer[1]))
            channels = layer[1]
        elif kind == "bn":
            modules.append(nn.BatchNorm2d(channels) if rows else nn.BatchNorm1d(channels))
        elif kind == "drop":
            modules.append(nn.Dropout(layer[1]))
        else:
            modules.append(nn.ReLU())
    return nn.Sequential(*modules)


def main(argv):
    if len(argv) != 7:
        print(__doc__)
        return 2
    state_dict_path, onnx_path, spelling, shape_text, input_path, expected_path = argv[1:]
    shape = [int(d) for d in shape_text.split(",")]
    size = int(np.prod(shape))
    features = np.fromfile(input_path, dtype="<f4").reshape(-1, size)
    expected = np.fromfile(expected_path, dtype="<f4").astype(np.float64).reshape(len(features), -1)
    checks = Checks()

    checks.onnx_checker(onnx.load(onnx_path))

    try:
        model = build(spelling, shape)
        model.load_state_dict(torch.load(state_dict_path))
        checks.check(f"state_dict loads into {len(model)} modules of nn.Sequential", True)
        model.eval()
        with torch.no_grad():
            probabilities = torch.softmax(model(torch.from_numpy(features)), dim=1).double().numpy()
        checks.compare("PyTorch", probabilities, expected.argmax(axis=1), expected)
    except Exception as e:  # a failed load is a failed check, not a crash
        checks.check("state_dict loads into nn.Sequential", False, f"({type(e).__name__}: {e})")

    score = onnxruntime_score(onnx_path, features)
    if score is not None:
        checks.compare("ONNX Runtime", score, expected.argmax(axis=1), expected)

    return checks.summary()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
