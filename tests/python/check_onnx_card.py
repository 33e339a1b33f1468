#!/usr/bin/env python3
"""Checks an ONNX file written by `mnist export --onnx` with the ONNX checker, and its model card.

usage: check_onnx_card.py ONNX EXPECTED_JSON

EXPECTED_JSON is one object of the metadata_props the file must carry (the model card, as .NET wrote it). The
model must pass onnx.checker.check_model with full_check (which runs shape inference), declare a batch dimension,
and carry exactly those entries.
"""
import json
import sys

import onnx

from checks import Checks


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    onnx_path, expected_path = argv[1:]
    checks = Checks()
    model = onnx.load(onnx_path)
    checks.onnx_checker(model, "passes the ONNX checker (full check)")

    with open(expected_path) as f:
        expected = json.load(f)
    metadata = {p.key: p.value for p in model.metadata_props}
    missing = sorted(set(expected) - set(metadata))
    checks.check("carries every model card entry", not missing, f"(missing {missing})")
    differing = sorted(k for k in expected if k in metadata and metadata[k] != expected[k])
    checks.check("model card entries equal the .NET card", not differing, f"(differ: {differing})")
    classes = json.loads(metadata.get("mnist.class_labels", "[]"))
    outputs = {o.name: o for o in model.graph.output}
    score_dims = [d.dim_value for d in outputs["Score"].type.tensor_type.shape.dim[1:]] if "Score" in outputs else []
    checks.check("one Score output per class label", score_dims == [len(classes)], f"(Score {score_dims}, {len(classes)} labels)")

    return checks.summary()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
