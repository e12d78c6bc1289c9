#!/usr/bin/python3
"""The seed and seed-rgb models in plain PyTorch, timed like `colorize benchmark`.

Same layers (3x3 same-padding conv + ReLU, 2x2 max-pool, 2x nearest upsampling, sigmoid head), Glorot-uniform
weights, MSE, Adam; random inputs at the working size (data loading is not timed on either side).
Run: /usr/bin/python3 bench/pytorch_reference.py --model seed --size 128 --batch 8 --steps 30 --threads 2
"""
import argparse
import time

import torch
from torch import nn


def conv(cin, cout, act):
    return [nn.Conv2d(cin, cout, 3, padding=1), act]


def seed():
    up = nn.Upsample(scale_factor=2, mode="nearest")
    return nn.Sequential(
        *conv(1, 64, nn.ReLU()), nn.MaxPool2d(2),
        *conv(64, 128, nn.ReLU()), nn.MaxPool2d(2),
        *conv(128, 256, nn.ReLU()), nn.MaxPool2d(2),
        *conv(256, 256, nn.ReLU()), up,
        *conv(256, 128, nn.ReLU()), up,
        *conv(128, 64, nn.ReLU()), up,
        *conv(64, 2, nn.Sigmoid()))


def seed_rgb():
    up = nn.Upsample(scale_factor=2, mode="nearest")
    return nn.Sequential(
        *conv(1, 64, nn.ReLU()), nn.MaxPool2d(2),
        *conv(64, 128, nn.ReLU()), nn.MaxPool2d(2),
        *conv(128, 128, nn.ReLU()), up,
        *conv(128, 64, nn.ReLU()), up,
        *conv(64, 3, nn.Sigmoid()))


def forward_flops(model, size):
    """Multiply-adds x 2 of every convolution for one image."""
    flops, s = 0, size
    for layer in model:
        if isinstance(layer, nn.Conv2d):
            flops += 2 * s * s * layer.out_channels * layer.in_channels * 9
        elif isinstance(layer, nn.MaxPool2d):
            s //= 2
        elif isinstance(layer, nn.Upsample):
            s *= 2
    return flops


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="seed", choices=["seed", "seed-rgb"])
    p.add_argument("--size", type=int, default=128)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    model = seed() if a.model == "seed" else seed_rgb()
    for m in model:
        if isinstance(m, nn.Conv2d):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    out_ch = 2 if a.model == "seed" else 3
    lr = 1e-4 if a.model == "seed" else 1e-3
    opt = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)
    x = torch.rand(a.batch, 1, a.size, a.size)
    y = torch.rand(a.batch, out_ch, a.size, a.size)
    loss_fn = nn.MSELoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    t = time.perf_counter()
    for _ in range(a.steps):
        step()
    train_s = time.perf_counter() - t
    model.eval()
    with torch.no_grad():
        for _ in range(a.warmup):
            model(x)
        t = time.perf_counter()
        for _ in range(a.steps):
            model(x)
        fwd_s = time.perf_counter() - t
    gflop = forward_flops(model, a.size) / 1e9
    images = a.steps * a.batch
    print(f"pytorch {torch.__version__} threads={torch.get_num_threads()} model={a.model} size={a.size} "
          f"batch={a.batch}: train {images / train_s:.2f} img/s ({3 * gflop * images / train_s:.1f} GFLOP/s at 3x forward), "
          f"forward {images / fwd_s:.2f} img/s ({gflop * images / fwd_s:.1f} GFLOP/s; {gflop:.2f} GFLOP/img)")


if __name__ == "__main__":
    main()
