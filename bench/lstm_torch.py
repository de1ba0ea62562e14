"""PyTorch peer of bench/lstm.bench.js: the same stacked (B)LSTM regressor, data shape and training loop.

Reads one JSON object on the command line (inputs, units, bidirectional, sequences, steps, chunk, batch,
epochs, noise, learning_rate, threads) and prints one JSON object: training and prediction times, wall and
CPU seconds. Run by bench/lstm.bench.js under /usr/bin/python3 (Debian python3-torch).
"""
import json
import sys
import time

import torch
from torch import nn


class Regressor(nn.Module):
    """Stacked LSTM layers (PyTorch gate order i, f, g, o as emotrans), a linear read-out of 2 values per step."""

    def __init__(self, inputs, units, bidirectional):
        super().__init__()
        directions = 2 if bidirectional else 1
        sizes = [inputs] + [u * directions for u in units]
        self.layers = nn.ModuleList(
            nn.LSTM(sizes[i], u, bidirectional=bidirectional) for i, u in enumerate(units)
        )
        self.out = nn.Linear(sizes[-1], 2)

    def forward(self, x):
        for layer in self.layers:
            x, _ = layer(x)
        return self.out(x)


def main():
    shape = json.loads(sys.argv[1])
    torch.set_num_threads(shape["threads"])
    torch.manual_seed(1)
    inputs, steps, chunk = shape["inputs"], shape["steps"], shape["chunk"]
    sequences = torch.randn(shape["sequences"], steps, inputs)
    targets = sequences[:, :, :1].repeat(1, 1, 2)
    # Chunks of `chunk` steps, time-major batches of `batch` chunks (emotrans: chunkLength, batchSize).
    xs = sequences.reshape(-1, chunk, inputs)
    ys = targets.reshape(-1, chunk, 2)
    model = Regressor(inputs, shape["units"], shape["bidirectional"])
    optimiser = torch.optim.Adam(model.parameters(), lr=shape["learning_rate"])
    batch = shape["batch"]

    def epoch():
        order = torch.randperm(xs.shape[0])
        for start in range(0, xs.shape[0], batch):
            members = order[start:start + batch]
            x = xs[members].transpose(0, 1)
            y = ys[members].transpose(0, 1)
            x = x + shape["noise"] * torch.randn_like(x)
            optimiser.zero_grad()
            loss = torch.mean((model(x) - y) ** 2)
            loss.backward()
            optimiser.step()

    epoch()  # warm-up, not timed (emotrans' warm-up is its first batch's compilation of the wasm kernels)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(shape["epochs"]):
        epoch()
    train_wall, train_cpu = time.perf_counter() - wall, time.process_time() - cpu

    model.eval()
    wall, cpu = time.perf_counter(), time.process_time()
    with torch.no_grad():
        for s in range(sequences.shape[0]):
            model(sequences[s].unsqueeze(1))
    predict_wall, predict_cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({
        "version": torch.__version__,
        "threads": torch.get_num_threads(),
        "trainSeconds": train_wall,
        "trainCpuSeconds": train_cpu,
        "predictSeconds": predict_wall,
        "predictCpuSeconds": predict_cpu,
    }))


if __name__ == "__main__":
    main()
