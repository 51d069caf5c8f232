"""Checks the model files the examples saved against Docs/model-file.md and its JSON Schema.

Run by Scripts/check-model-files.sh (which makes the Python environment) as
    python Scripts/check-model-files.py EXAMPLES-DIRECTORY SCHEMA
For every .nnvm file below the directory: the container (signature, version, header length,
size, FNV-1a checksum) as the page describes it, and the header against the schema. Then the
schema must refuse broken headers: a missing required key, wrong types, an unknown key, a
layer setting of the wrong type, parameters on a layer that has none. Exits 1 on any problem.
"""

import copy
import json
import pathlib
import struct
import sys

import jsonschema


def fnv1a(data):
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def read_header(path):
    """The header of a model file, after checking its container; raises ValueError."""
    data = path.read_bytes()
    if len(data) < 24 or data[:8] != b"NNVMODEL":
        raise ValueError("no NNVMODEL signature")
    version, length = struct.unpack_from("<II", data, 8)
    if version != 1:
        raise ValueError(f"format version {version}")
    if 16 + length + 8 > len(data):
        raise ValueError("the header runs past the end")
    (stored,) = struct.unpack_from("<Q", data, len(data) - 8)
    if stored != fnv1a(data[:-8]):
        raise ValueError("the checksum does not match")
    header = json.loads(data[16 : 16 + length].decode("utf-8"))
    count = 0
    for layer in header.get("layers", []):
        for shape in layer.get("parameterShapes", []):
            size = 1
            for n in shape:
                size *= n
            count += size
    if len(data) != 16 + length + 4 * count + 8:
        raise ValueError(f"{len(data)} bytes, but the header describes {count} parameters")
    return header


def broken_headers(header):
    """Headers the schema must refuse, each with what is wrong with it."""

    def changed(description, change):
        copied = copy.deepcopy(header)
        change(copied)
        return description, copied

    first = next(i for i, layer in enumerate(header["layers"]) if layer["parameterShapes"])
    return [
        changed("no history", lambda h: h.pop("history")),
        changed("no layers", lambda h: h.pop("layers")),
        changed("an input shape that is a string", lambda h: h.update(inputShape="4")),
        changed("an input shape of size 0", lambda h: h.update(inputShape=[0])),
        changed("class names that are numbers", lambda h: h.update(classNames=[1, 2])),
        changed("an unknown key", lambda h: h.update(comment="hello")),
        changed("a layer without a kind", lambda h: h["layers"][first].pop("kind")),
        changed("an unknown kind", lambda h: h["layers"][first].update(kind="attention")),
        changed("an unknown activation", lambda h: h["layers"][first].update(activation="swish")),
        changed("a setting of another kind", lambda h: h["layers"][first].update(rate=0.5)),
        changed(
            "a parameter shape that is not a list",
            lambda h: h["layers"][first].update(parameterShapes=[4]),
        ),
        changed("an epoch without a loss", lambda h: h["history"]["epochs"][0].pop("loss")),
        changed("a run numbered 0", lambda h: h["history"]["epochs"][0].update(run=0)),
        changed(
            "a flatten layer with parameters",
            lambda h: h["layers"].append(
                {"kind": "flatten", "name": "f", "activation": "linear", "parameterShapes": [[1]]}
            ),
        ),
    ]


def main():
    directory, schema_path = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    schema = json.loads(schema_path.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(directory.rglob("*.nnvm"))
    if not files:
        print(f"check-model-files: no .nnvm files in {directory}", file=sys.stderr)
        return 1
    problems = 0
    headers = []
    for path in files:
        try:
            header = read_header(path)
        except ValueError as error:
            print(f"check-model-files: {path}: {error}", file=sys.stderr)
            problems += 1
            continue
        errors = sorted(validator.iter_errors(header), key=str)
        for error in errors:
            where = "/".join(str(part) for part in error.absolute_path)
            print(f"check-model-files: {path}: {where}: {error.message}", file=sys.stderr)
        problems += len(errors)
        headers.append(header)
    kinds = sorted({layer["kind"] for header in headers for layer in header["layers"]})
    refused = 0
    for header in headers[:1]:
        for description, broken in broken_headers(header):
            if validator.is_valid(broken):
                print(f"check-model-files: the schema accepts {description}", file=sys.stderr)
                problems += 1
            else:
                refused += 1
    if problems:
        return 1
    print(
        f"checked {len(files)} model files ({', '.join(kinds)}) against {schema_path}; "
        f"it refuses all {refused} broken headers"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
