"""Checks the files Scripts/check-numbers.sh had nnv write (see there)."""
import json
import re
import sys

import numpy as np
import pandas as pd

folder = sys.argv[1]


def digits(text):
    """The significant digits of a number's text: '0.00125' and '1.25e-3' give '125'."""
    mantissa = re.split("[eE]", text.lstrip("-"))[0].replace(".", "")
    return mantissa.strip("0") or "0"


def check_pair(name):
    table = pd.read_csv(f"{folder}/{name}.csv", dtype=str)
    texts = table.to_numpy().ravel()
    from_csv = np.array([np.float32(t) for t in texts], dtype=np.float32)
    with open(f"{folder}/{name}.json") as file:
        tensor = json.load(file)
    from_json = np.array(tensor["data"], dtype=np.float32).ravel()
    assert list(table.shape) == [tensor["shape"][0], int(np.prod(tensor["shape"][1:]))], name
    assert np.array_equal(from_csv.view(np.uint32), from_json.view(np.uint32)), name
    for text, value in zip(texts, from_csv):
        shortest = np.format_float_scientific(value, unique=True)
        assert len(digits(text)) <= len(digits(shortest)), f"{name}: {text} vs {shortest}"
    return len(texts)


count = check_pair("ig") + check_pair("hidden")
data = pd.read_csv(f"{folder}/digits.csv")
with open(f"{folder}/digits.json") as file:
    digits_json = json.load(file)
assert list(data.columns[-2:]) == ["class", "class_name"]
assert data.shape == (1797, 66)
assert data["class"].tolist() == digits_json["labels"]
features = np.array(digits_json["features"]["data"], dtype=np.float32)
assert np.array_equal(data.iloc[:, :64].to_numpy(dtype=np.float32), features)
history = pd.read_csv(f"{folder}/history.csv")
assert list(history.columns) == ["run", "epoch", "loss", "accuracy", "val_loss", "val_accuracy"]
assert len(history) == 2 and history["val_loss"].isna().all()
print(f"check-numbers.py: {count} numbers read back bit for bit by NumPy and json; "
      "digits and history read by pandas")
