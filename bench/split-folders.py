#!/usr/bin/env python3
"""Symlink folders of a run's held-out pictures, one per kind (scenes, general photographs, people, faces), so that
any model can be scored on them with `colorize evaluate --data`.

Usage: bench/split-folders.py RUN_DIR OUT_DIR
  (writes OUT_DIR/val-intel for intel-train and intel-train-extra, and OUT_DIR/val-LABEL for every other data folder:
  val-diverse-photos, val-people, val-faces)
Data folders in config.json are resolved against the current directory, as `colorize train` was given them; the
bundled model's config.json names them by their last element only, so for it run this from ../shared/data.
"""
import json
import os
import sys

run, out = sys.argv[1], sys.argv[2]
config = json.load(open(os.path.join(run, "config.json")))
paths = {s["label"]: s["path"] for s in config["data"]["sources"]}
counts = {}
for name in config["validationNames"]:
    label, file = name.split("/", 1)
    folder = os.path.join(out, "val-intel" if label.startswith("intel-train") else "val-" + label)
    os.makedirs(folder, exist_ok=True)
    link = os.path.join(folder, label + "__" + file.replace("/", "__"))
    if not os.path.lexists(link):
        os.symlink(os.path.abspath(os.path.join(paths[label], file)), link)
    counts[folder] = counts.get(folder, 0) + 1
print(counts)
