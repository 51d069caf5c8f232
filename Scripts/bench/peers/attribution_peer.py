"""Attribution speed in PyTorch (and Captum when it is installed), on the same work as
`nnv-bench attribution`: the untrained W6 network (784-128-64-10) on mnist-like inputs.
  - vanilla gradients of the top logit for 1,000 inputs as one batch
  - Integrated Gradients, 50 steps from zeros, for one input
Each figure is the median of 7 samples of one call, like nnv-bench's `benchmark`.
usage: python attribution_peer.py"""
import time

import numpy as np
import torch

import common as C
from torch_peer import build

torch.set_num_threads(C.THREADS)


def median_seconds(fn):
    for _ in range(3):
        fn()
    t0 = time.perf_counter(); fn(); one = time.perf_counter() - t0
    reps = max(1, int(0.05 / max(one, 1e-7)))
    samples = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        samples.append((time.perf_counter() - t0) / reps)
    return float(np.median(samples))


Xn, _ = C.mnist_like()
model = build("mnist-mlp", [784, 128, 64, 10], 300)
batch = torch.from_numpy(Xn[:1000])
one = torch.from_numpy(Xn[:1])


def vanilla():
    x = batch.clone().requires_grad_(True)
    z = model(x)
    z.gather(1, z.argmax(1, keepdim=True)).sum().backward()
    return x.grad.abs()


def integrated(steps=50):
    # Trapezoidal rule over steps+1 points, as nnv does.
    alphas = torch.linspace(0, 1, steps + 1).reshape(-1, 1)
    path = (alphas * one).clone().requires_grad_(True)
    z = model(path)
    target = model(one).argmax(1).item()
    z[:, target].sum().backward()
    g = path.grad
    weights = torch.ones(steps + 1, 1); weights[0] = weights[-1] = 0.5
    return (g * weights).sum(0) / steps * one[0]


C.emit("attribution-vanilla-1000", "torch", median_seconds(vanilla))
C.emit("attribution-ig50-single", "torch", median_seconds(integrated))
try:
    from captum.attr import IntegratedGradients
    ig = IntegratedGradients(model)
    target = int(model(one).argmax(1).item())
    C.emit("attribution-ig50-single", "captum",
           median_seconds(lambda: ig.attribute(one, target=target, n_steps=50)))
except ImportError:
    pass
