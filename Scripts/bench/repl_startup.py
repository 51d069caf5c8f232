#!/usr/bin/env python3
"""Time from launching `nnv` on a pseudo-terminal to its first `nnv> ` prompt (goal: 100 ms).

usage: python3 repl_startup.py [PATH-TO-NNV] [RUNS]
Prints `workload=repl-startup peer=nnv seconds=<median> min=<> max=<>`.
"""
import os
import pty
import select
import sys
import time

binary = sys.argv[1] if len(sys.argv) > 1 else "../../.build/release/nnv"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
samples = []
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["NNV_NO_HISTORY"] = "1"
        os.execv(binary, ["nnv"])
    seen = b""
    while b"nnv> " not in seen:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            sys.exit("repl_startup: no prompt within 5 s")
        seen += os.read(fd, 4096)
    samples.append(time.perf_counter() - start)
    os.write(fd, b":quit\r")
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
samples.sort()
print(
    f"workload=repl-startup peer=nnv seconds={samples[len(samples) // 2]:.6f} "
    f"min={samples[0]:.6f} max={samples[-1]:.6f}"
)
