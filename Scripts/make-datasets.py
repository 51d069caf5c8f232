#!/usr/bin/env python3
"""Write the two data sets bundled with nnv as CSV package resources.

Loads scikit-learn's bundled copies of
  * Iris (150 samples, 4 features, 3 classes) via sklearn.datasets.load_iris, and
  * 8x8 handwritten digits (1,797 images; the UCI "Optical Recognition of
    Handwritten Digits" subset shipped by scikit-learn) via load_digits,
and writes them, rows in the source order, to

  Sources/NNVCore/Resources/iris.csv
      sepal_length,sepal_width,petal_length,petal_width,species
      (features as in the source, e.g. 5.1; species as setosa/versicolor/virginica)
  Sources/NNVCore/Resources/digits.csv
      p0,...,p63,digit
      (pixel intensities 0-16 as integers, row-major 8x8; digit 0-9)

The repository root is taken from this script's location; files use "\\n"
line endings.

Run (one-time developer helper, from the repository root):

    python3 -m pip install scikit-learn && python3 Scripts/make-datasets.py

The generated CSV files are committed to the repository, so building or
running nnv never needs Python.
"""

from pathlib import Path

from sklearn.datasets import load_digits, load_iris

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "Sources" / "NNVCore" / "Resources"


def write_lines(path: Path, lines: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")
    print(f"wrote {path.relative_to(ROOT)} ({len(lines)} lines)")


def make_iris() -> None:
    iris = load_iris()
    lines = ["sepal_length,sepal_width,petal_length,petal_width,species"]
    for features, target in zip(iris.data, iris.target):
        # repr of a Python float is the shortest round-tripping form: 5.1, not 5.0999...
        values = [repr(float(x)) for x in features]
        lines.append(",".join(values + [str(iris.target_names[target])]))
    write_lines(RESOURCES / "iris.csv", lines)


def make_digits() -> None:
    digits = load_digits()
    lines = [",".join([f"p{i}" for i in range(64)] + ["digit"])]
    for pixels, target in zip(digits.data, digits.target):
        values = []
        for x in pixels:
            v = int(x)
            if v != x or not 0 <= v <= 16:
                raise ValueError(f"unexpected pixel value {x!r}")
            values.append(str(v))
        lines.append(",".join(values + [str(int(target))]))
    write_lines(RESOURCES / "digits.csv", lines)


def main() -> None:
    RESOURCES.mkdir(parents=True, exist_ok=True)
    make_iris()
    make_digits()


if __name__ == "__main__":
    main()
