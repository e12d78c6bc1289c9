#!/usr/bin/env bash
# Makes a trained run the pretrained model bundled in the library jar (colorizer-core resources): its config.json
# (with the a/b gain tuned for it, when given) and the weights of its newest checkpoint.
# Usage: scripts/bundle-model.sh RUN_DIR [AB_GAIN]
set -euo pipefail
RUN="${1:?usage: scripts/bundle-model.sh RUN_DIR [AB_GAIN]}"
GAIN="${2:-}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/colorizer-core/src/main/resources/dev/colorizer/bundled"
LATEST="$(sed -n 's/.*"name" *: *"\([^"]*\)".*/\1/p' "$RUN/checkpoints/latest.json")"
mkdir -p "$DEST"
if [[ -n "$GAIN" ]]; then
  # drop an abGain already there, then add ours as the last field
  perl -0pe 's/,\s*"abGain"\s*:\s*[^,}\s]+//; s/\n\}\s*$/,\n  "abGain" : '"$GAIN"'\n}\n/' "$RUN/config.json" > "$DEST/config.json"
else
  cp "$RUN/config.json" "$DEST/config.json"
fi
cp "$RUN/checkpoints/$LATEST/model.params" "$DEST/model.params"
echo "bundled $RUN ($LATEST${GAIN:+, a/b gain $GAIN}) into $DEST: $(du -h "$DEST/model.params" | cut -f1)"
