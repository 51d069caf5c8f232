"""Checks nnv's ONNX export and import against a real engine, ONNX Runtime.

Run by Scripts/check-onnx.sh (which makes the Python environment):
    python check-onnx.py NNV_BINARY WORK_DIR EXPORT_SCRIPT

1. Runs nnv on EXPORT_SCRIPT (Scripts/check-onnx.nnv) in WORK_DIR: it trains small versions of
   the example models, exports each to NAME.onnx and prints its samples with nnv's predictions.
   Each file must pass onnx's checker, and ONNX Runtime's outputs on the same samples must
   match nnv's within 1e-5.
2. Builds an MLP, a CNN and recurrent models with onnx.helper the way PyTorch exports them
   (Gemm with transB, Constant nodes, the Erf form of GELU, opset 20's Gelu, pads, LSTM and GRU
   after a Transpose), has nnv load each and predict, and compares with ONNX Runtime.
Prints the largest difference per model and exits 1 if any is over the tolerance.
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

TOLERANCE = 1e-5


def run_nnv(binary, script, work):
    result = subprocess.run(
        [binary, "--color", "never", str(script)], cwd=work, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"check-onnx: nnv failed on {script}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def rows(output, tag):
    """The lines `TAG|name|sample|prediction`, numbers separated by spaces, by name."""
    found = {}
    for line in output.splitlines():
        if line.startswith(tag + "|"):
            _, name, sample, prediction = line.split("|", 3)
            found.setdefault(name, []).append(
                ([float(v) for v in sample.split()], [float(v) for v in prediction.split()]))
    return found


def run_onnx(path, samples):
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    shape = session.get_inputs()[0].shape[1:]
    x = np.asarray(samples, dtype=np.float32).reshape([len(samples)] + list(shape))
    return session.run(None, {session.get_inputs()[0].name: x})[0]


def compare(label, path, samples, predictions, failures):
    expected = run_onnx(path, samples)
    got = np.asarray(predictions, dtype=np.float32).reshape(expected.shape)
    diff = float(np.max(np.abs(got - expected)))
    verdict = "ok" if diff <= TOLERANCE else "FAIL"
    print(f"  {label:26} {len(samples):3} samples  max |nnv - onnxruntime| = {diff:.2e}  {verdict}")
    if not diff <= TOLERANCE:
        failures.append(label)


def check_exports(binary, work, script, failures):
    print("check-onnx: nnv's exports run in ONNX Runtime " + ort.__version__)
    exported = rows(run_nnv(binary, script, work), "ONNX")
    if len(exported) < 12:
        failures.append(f"only {len(exported)} models exported")
    for name, pairs in exported.items():
        path = Path(work) / f"{name}.onnx"
        onnx.checker.check_model(onnx.load(str(path)), full_check=True)
        compare(f"export {name}", path, [s for s, _ in pairs], [p for _, p in pairs], failures)


# Models as PyTorch's torch.onnx.export writes them, built with onnx.helper.

def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def model(nodes, inits, x_shape, y_shape, opset=17):
    graph = helper.make_graph(
        nodes, "peer", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch"] + x_shape)],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch"] + y_shape)], inits)
    made = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    made.ir_version = 8 if opset <= 17 else 9
    onnx.checker.check_model(made, full_check=True)
    return made


def gelu_erf(x, out, prefix):
    """PyTorch's nn.GELU() at opset 17: Div by sqrt 2, Erf, Add 1, Mul by x, Mul by 0.5."""
    return [
        helper.make_node("Constant", [], [f"{prefix}_r2"], value=const("", np.float32(2 ** 0.5))),
        helper.make_node("Div", [x, f"{prefix}_r2"], [f"{prefix}_d"]),
        helper.make_node("Erf", [f"{prefix}_d"], [f"{prefix}_e"]),
        helper.make_node("Constant", [], [f"{prefix}_1"], value=const("", np.float32(1))),
        helper.make_node("Add", [f"{prefix}_e", f"{prefix}_1"], [f"{prefix}_a"]),
        helper.make_node("Mul", [x, f"{prefix}_a"], [f"{prefix}_m"]),
        helper.make_node("Constant", [], [f"{prefix}_h"], value=const("", np.float32(0.5))),
        helper.make_node("Mul", [f"{prefix}_m", f"{prefix}_h"], [out]),
    ]


def mlp(rng):
    w = lambda *s: rng.normal(0, 0.5, s).astype(np.float32)
    inits = [const("mean", w(5)), const("std", np.abs(w(5)) + 0.5), const("fc1.weight", w(16, 5)),
             const("fc1.bias", w(16)), const("fc2.weight", w(12, 16)), const("fc2.bias", w(12)),
             const("fc3.weight", w(3, 12)), const("fc3.bias", w(3))]
    nodes = [
        helper.make_node("Sub", ["x", "mean"], ["s"]),
        helper.make_node("Div", ["s", "std"], ["n"]),
        helper.make_node("Gemm", ["n", "fc1.weight", "fc1.bias"], ["h1"], "/fc1/Gemm", transB=1),
        helper.make_node("Relu", ["h1"], ["r1"], "/act/Relu"),
        helper.make_node("Gemm", ["r1", "fc2.weight", "fc2.bias"], ["h2"], "/fc2/Gemm", transB=1),
        *gelu_erf("h2", "g2", "gelu"),
        helper.make_node("Gemm", ["g2", "fc3.weight", "fc3.bias"], ["h3"], "/fc3/Gemm", transB=1),
        helper.make_node("Softmax", ["h3"], ["y"], "/Softmax", axis=1),
    ]
    return model(nodes, inits, [5], [3]), [5]


def cnn(rng):
    w = lambda *s: rng.normal(0, 0.4, s).astype(np.float32)
    inits = [const("c1.weight", w(4, 2, 3, 3)), const("c1.bias", w(4)),
             const("c2.weight", w(3, 4, 2, 2)), const("c2.bias", w(3)),
             const("fc.weight", w(6, 27)), const("fc.bias", w(6)), const("shape", np.array([0, -1]))]
    nodes = [
        helper.make_node("Conv", ["x", "c1.weight", "c1.bias"], ["c1"], "/c1/Conv",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("MaxPool", ["r1"], ["p1"], kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "c2.weight", "c2.bias"], ["c2"], kernel_shape=[2, 2]),
        helper.make_node("Gelu", ["c2"], ["g2"]),
        helper.make_node("AveragePool", ["g2"], ["p2"], kernel_shape=[2, 2], strides=[1, 1]),
        helper.make_node("Reshape", ["p2", "shape"], ["f"]),
        helper.make_node("Gemm", ["f", "fc.weight", "fc.bias"], ["h"], transB=1),
        helper.make_node("LeakyRelu", ["h"], ["y"], alpha=0.1),
    ]
    return model(nodes, inits, [2, 10, 10], [6], opset=20), [2, 10, 10]


def recurrent(rng, op, sequences):
    w = lambda *s: rng.normal(0, 0.5, s).astype(np.float32)
    steps, features, hidden = 7, 3, 5
    gates = {"LSTM": 4, "GRU": 3, "RNN": 1}[op]
    inits = [const("W", w(1, gates * hidden, features)), const("R", w(1, gates * hidden, hidden)),
             const("B", w(1, 2 * gates * hidden)), const("axis", np.array([1 if sequences else 0])),
             const("out.weight", w(hidden, 2)), const("out.bias", w(2))]
    extra = {"linear_before_reset": 1} if op == "GRU" else {}
    if op == "RNN":
        extra = {"activations": ["Relu"]}
    nodes = [
        helper.make_node("Transpose", ["x"], ["t"], perm=[1, 0, 2]),
        helper.make_node(op, ["t", "W", "R", "B"], ["Y", "Y_h"], "/rnn/" + op, hidden_size=hidden,
                         **extra),
    ]
    if sequences:
        nodes += [helper.make_node("Squeeze", ["Y", "axis"], ["s"]),
                  helper.make_node("Transpose", ["s"], ["b"], perm=[1, 0, 2]),
                  helper.make_node("MatMul", ["b", "out.weight"], ["m"]),
                  helper.make_node("Add", ["m", "out.bias"], ["a"]),
                  helper.make_node("Sigmoid", ["a"], ["y"])]
        out = [steps, 2]
    else:
        nodes += [helper.make_node("Squeeze", ["Y_h", "axis"], ["s"]),
                  helper.make_node("MatMul", ["s", "out.weight"], ["m"]),
                  helper.make_node("Add", ["m", "out.bias"], ["y"])]
        out = [2]
    return model(nodes, inits, [steps, features], out), [steps, features]


def number(value):
    return np.format_float_positional(np.float32(value), unique=True, trim="0")


def check_imports(binary, work, script_path, failures):
    print("check-onnx: models built with onnx.helper, imported by nnv")
    rng = np.random.default_rng(7)
    peers = {"mlp": mlp(rng), "cnn": cnn(rng), "lstm-last": recurrent(rng, "LSTM", False),
             "gru-steps": recurrent(rng, "GRU", True), "rnn-relu-steps": recurrent(rng, "RNN", True)}
    script, samples = [], {}
    for name, (made, shape) in peers.items():
        onnx.save(made, str(Path(work) / f"peer-{name}.onnx"))
        samples[name] = rng.normal(0, 1.5, [8] + shape).astype(np.float32)
        script.append(f'let {name.replace("-", "_")} = load("peer-{name}.onnx")')
        script.append(f'summary {name.replace("-", "_")} width 80 color none')
        for sample in samples[name]:
            values = ", ".join(number(v) for v in sample.reshape(-1))
            model_name = name.replace("-", "_")
            script.append(f'print "IMPORT|{name}||" + prediction({model_name}, [{values}])')
    # The helper functions `numbers` and `prediction` of the export script, then the imports.
    text = Path(script_path).read_text()
    helpers = text[text.index("fn numbers"):text.index("# Exports `net`")]
    (Path(work) / "import.nnv").write_text(helpers + "\n".join(script) + "\n")
    imported = rows(run_nnv(binary, Path(work) / "import.nnv", work), "IMPORT")
    for name in peers:
        predictions = [p for _, p in imported.get(name, [])]
        if len(predictions) != len(samples[name]):
            failures.append(f"import {name}: {len(predictions)} predictions")
            continue
        compare(f"import {name}", Path(work) / f"peer-{name}.onnx", samples[name], predictions,
                failures)


def main():
    binary, work, script = sys.argv[1], sys.argv[2], Path(sys.argv[3]).resolve()
    failures = []
    check_exports(binary, work, script, failures)
    check_imports(binary, work, script, failures)
    if failures:
        sys.exit("check-onnx: FAILED: " + ", ".join(failures))
    print("check-onnx: every model agrees with ONNX Runtime within 1e-5")


if __name__ == "__main__":
    main()
