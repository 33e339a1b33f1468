"""What the check scripts share: counting PASS/FAIL lines, the ONNX checker, and comparing probabilities with .NET's.

Each script prints one line a check and ends with "N passed, N failed"; the .NET tests read that output.
"""
import numpy as np
import onnx

TOLERANCE = 1e-5


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name} {detail}")

    def onnx_checker(self, model, name="ONNX passes the checker (full check)"):
        """onnx.checker with full_check (which runs shape inference) on a loaded model or a path."""
        try:
            onnx.checker.check_model(model, full_check=True)
            self.check(name, True)
        except onnx.checker.ValidationError as e:
            self.check(name, False, f"({e})")

    def compare(self, name, probabilities, expected_predicted, expected_probabilities):
        """Arg-max and every probability (within TOLERANCE) against the .NET model's."""
        mismatches = int((probabilities.argmax(axis=1) != expected_predicted).sum())
        self.check(f"{name}: argmax equals the .NET predictions", mismatches == 0, f"({mismatches} differ)")
        worst = float(np.abs(probabilities - expected_probabilities).max())
        self.check(f"{name}: probabilities within {TOLERANCE} of the .NET model", worst <= TOLERANCE,
                   f"(max difference {worst:.3g})")

    def summary(self):
        """Prints the last line and returns the exit code."""
        print(f"{self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1


def onnxruntime_score(onnx_path, features):
    """The model's Score output for features under ONNX Runtime, or None (saying SKIP) where it is not installed."""
    try:
        import onnxruntime
    except ImportError:
        print("SKIP ONNX Runtime: onnxruntime is not installed")
        return None
    session = onnxruntime.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return session.run(["Score"], {name: features})[0].astype(np.float64)
