"""PyTorch's classic MNIST example network trained by a plain loop in Debian's PyTorch, for the cnn-epoch benchmark.

conv 32 3x3 -> ReLU -> conv 64 3x3 -> ReLU -> max-pool 2 -> dense 128 -> ReLU -> dense 10; Adam 1e-3, cross-entropy,
batches of 64 drawn by randperm, as benchmarks/Mnist.Benchmarks/Support/PlainLoop.cs does in TorchSharp.

usage: pytorch_cnn_epoch.py MNIST_DIR ROWS EPOCHS THREADS SEED
Prints `RESULT epoch_seconds=S cpu_seconds=S first=S peak_rss_mib=M`: wall and CPU seconds are means over epochs 2..N.
"""
import gzip
import resource
import sys
import time

import numpy as np
import torch
from torch import nn


def read_images(path, rows):
    with gzip.open(path, "rb") as f:
        data = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return torch.from_numpy(data.reshape(-1, 1, 28, 28)[:rows].astype(np.float32) / 255.0)


def read_labels(path, rows):
    with gzip.open(path, "rb") as f:
        data = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    return torch.from_numpy(data[:rows].astype(np.int64))


def main():
    directory, rows, epochs, threads, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    x = read_images(f"{directory}/train-images-idx3-ubyte.gz", rows if rows > 0 else None)
    y = read_labels(f"{directory}/train-labels-idx1-ubyte.gz", rows if rows > 0 else None)
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(seed)
    model.train()
    seconds, cpu_ends = [], []
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(len(y), generator=generator)
        for first in range(0, len(y), 64):
            indices = order[first:first + 64]
            optimizer.zero_grad()
            loss = nn.functional.cross_entropy(model(x[indices]), y[indices])
            loss.backward()
            optimizer.step()
        seconds.append(time.perf_counter() - start)
        cpu_ends.append(time.process_time())
    steady = seconds[1:] or seconds
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"notes: torch {torch.__version__}, {torch.get_num_threads()} threads, mkldnn {torch.backends.mkldnn.is_available()}")
    cpu = (cpu_ends[-1] - cpu_ends[0]) / (len(cpu_ends) - 1) if len(cpu_ends) > 1 else float("nan")
    print(f"RESULT epoch_seconds={sum(steady) / len(steady):.4f} cpu_seconds={cpu:.4f} first={seconds[0]:.4f} peak_rss_mib={peak_mib:.1f}")


if __name__ == "__main__":
    main()
