#!/usr/bin/env bash
# Makes a trained run the pretrained model bundled in the library jar (colorizer-core resources): its config.json
# (with the saturation `colorize calibrate` saved in it, and portable data paths) and its newest weights.
# Usage: scripts/bundle-model.sh RUN_DIR
set -euo pipefail
RUN="${1:?usage: scripts/bundle-model.sh RUN_DIR}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/colorizer-core/src/main/resources/dev/colorizer/bundled"
"$ROOT/colorize" export --model "$RUN" --out "$DEST"
echo "bundled $RUN into $DEST: $(du -h "$DEST/model.params" | cut -f1)"
