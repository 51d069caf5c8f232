"""Drives the nnv kernel with Jupyter's client libraries (called by Scripts/check-kernel.sh).

    python check-kernel.py FOLDER

Executes every notebook in FOLDER with nbclient (cells tagged raises-exception may fail and
must fail with nnv's diagnostic), checks that every SVG output parses as XML, then talks to
the kernel directly: complete, inspect, is_complete, and an interrupt during a long training
that must stop it with the model kept. Writes executed-NAME.ipynb and one HTML page.
"""

import pathlib
import sys
import time
import xml.etree.ElementTree as ElementTree

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient
from nbconvert import HTMLExporter


def fail(message):
    print(f"check-kernel: {message}", file=sys.stderr)
    sys.exit(1)


def text_of(value):
    return "".join(value) if isinstance(value, list) else value


def check_notebook(path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, kernel_name="nnv", timeout=120, allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    svgs = errors = trainings = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        tagged = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        failed = [o for o in cell.outputs if o.output_type == "error"]
        if tagged != bool(failed):
            fail(f"{path.name} cell {index}: expected {'an' if tagged else 'no'} error")
        for output in failed:
            trace = "\n".join(output.traceback)
            if "error:" not in trace or "^" not in trace:
                fail(f"{path.name} cell {index}: the error lacks nnv's diagnostic: {trace}")
            errors += 1
        if any(line.startswith("train ") for line in text_of(cell.source).splitlines()):
            shown = [o for o in cell.outputs if o.output_type == "display_data"
                     and "epoch" in text_of(o.get("data", {}).get("text/plain", ""))]
            streamed = [o for o in cell.outputs if o.output_type == "stream"
                        and "epoch" in text_of(o.text)]
            if len(shown) != 1 or streamed:
                fail(f"{path.name} cell {index}: training is not one display updated in place")
            trainings += 1
        for output in cell.outputs:
            svg = output.get("data", {}).get("image/svg+xml")
            if svg is None:
                continue
            try:
                ElementTree.fromstring(text_of(svg))
            except ElementTree.ParseError as error:
                fail(f"{path.name} cell {index}: an SVG output does not parse: {error}")
            if not text_of(output["data"].get("text/plain", "")).strip():
                fail(f"{path.name} cell {index}: a view without its text fallback")
            svgs += 1
    if svgs == 0:
        fail(f"{path.name}: no SVG output")
    executed = path.parent / f"executed-{path.stem}.ipynb"
    nbformat.write(notebook, executed)
    print(f"check-kernel: {path.name}: {len(notebook.cells)} cells, {svgs} SVG views, "
          f"{errors} expected errors, {trainings} trainings in one display each")
    return notebook


def reply_to(client, msg_id, timeout=60):
    while True:
        reply = client.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def outputs_of(client, msg_id, until_idle=True, timeout=60):
    """The iopub messages answering msg_id, up to its idle status."""
    messages = []
    while True:
        message = client.get_iopub_msg(timeout=timeout)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(message)
        state = message["content"].get("execution_state")
        if until_idle and message["msg_type"] == "status" and state == "idle":
            return messages


def run(client, code):
    msg_id = client.execute(code)
    reply = reply_to(client, msg_id)
    messages = outputs_of(client, msg_id)
    stdout = "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")
    return reply, stdout


def check_requests(manager, client):
    reply = reply_to(client, client.complete("print 1\ntra", 11))
    if "train" not in reply["matches"] or reply["cursor_start"] != 8:
        fail(f"complete: {reply}")
    reply = reply_to(client, client.inspect("train net", 2))
    if not reply["found"] or "epochs" not in reply["data"]["text/plain"]:
        fail(f"inspect: {reply}")
    if reply_to(client, client.is_complete("model m {"))["status"] != "incomplete":
        fail("is_complete: an open block is complete")
    if reply_to(client, client.is_complete("print 1"))["status"] != "complete":
        fail("is_complete: a whole line is incomplete")

    setup = "let data = xor(n: 256, seed: 2)\nmodel m { input 2; dense 8 tanh; dense 1 sigmoid }"
    reply, _ = run(client, setup)
    if reply["status"] != "ok":
        fail(f"setup: {reply}")
    msg_id = client.execute("train m on data epochs 1000000 batch 8")
    updates = 0
    while updates < 3:  # the progress display, updated: training runs
        message = client.get_iopub_msg(timeout=60)
        if (message["parent_header"].get("msg_id") == msg_id
                and message["msg_type"] in ("display_data", "update_display_data")):
            updates += 1
    started = time.monotonic()
    manager.interrupt_kernel()
    reply = reply_to(client, msg_id, timeout=30)
    stopped = time.monotonic() - started
    if reply["status"] != "error" or reply.get("ename") != "Interrupted":
        fail(f"interrupt: training was not interrupted: {reply}")
    reply, stdout = run(client, "print evaluate(m, on: data).loss >= 0")
    if reply["status"] != "ok" or stdout.strip() != "true":
        fail(f"after the interrupt the model is gone: {reply} {stdout!r}")
    manager.interrupt_kernel()  # between cells: nothing happens
    time.sleep(0.2)
    reply, stdout = run(client, "print 1 + 1")
    if not manager.is_alive() or stdout.strip() != "2":
        fail("an interrupt between cells ended the kernel")
    print(f"check-kernel: complete, inspect, is_complete answer; an interrupt stopped training "
          f"{stopped * 1000:.0f} ms after it was sent, and the model was kept")


def main():
    folder = pathlib.Path(sys.argv[1])
    if "nnv" not in KernelSpecManager().find_kernel_specs():
        fail("jupyter does not list the nnv kernel")
    started = time.monotonic()
    executed = {}
    for path in sorted(folder.glob("*.ipynb")):
        if not path.name.startswith("executed-"):
            executed[path.stem] = check_notebook(path)
    manager, client = start_new_kernel(kernel_name="nnv")
    try:
        check_requests(manager, client)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)
    if "tour" in executed:
        body, _ = HTMLExporter().from_notebook_node(executed["tour"])
        (folder / "executed-tour.html").write_text(body, encoding="utf-8")
    print(f"check-kernel: {len(executed)} notebooks in {time.monotonic() - started:.1f} s")


main()
