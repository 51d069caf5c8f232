#!/usr/bin/env bash
# Checks every model file the examples saved (render-examples.sh leaves them in
# .build/examples/NAME/) against Docs/model-file.md and the header's JSON Schema,
# Docs/nnvm.schema.json, with Python's jsonschema, and checks that the schema refuses broken
# headers (Scripts/check-model-files.py says which).
#
#   Scripts/check-model-files.sh [EXAMPLES-DIRECTORY]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/examples}
python="$(Scripts/python-env.sh schema jsonschema==4.23.0)"
"$python" Scripts/check-model-files.py "$out" Docs/nnvm.schema.json
