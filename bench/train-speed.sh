#!/usr/bin/env bash
# Training and inference speed of the same models in DJL (colorize benchmark) and PyTorch
# (bench/pytorch_reference.py, Debian's python3-torch), in one run, alternating, 2 threads each.
# Run from the repository root on a quiet machine: bash bench/train-speed.sh [steps]
set -euo pipefail
STEPS="${1:-30}"
export OPT_OUT_TRACKING=true
for model in seed seed-rgb; do
  for round in 1 2; do
    ./colorize benchmark --arch "$model" --size 128 --batch 8 --steps "$STEPS" --warmup 5 2>/dev/null
    /usr/bin/python3 bench/pytorch_reference.py --model "$model" --size 128 --batch 8 --steps "$STEPS" --threads 2
  done
done
