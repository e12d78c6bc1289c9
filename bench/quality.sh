#!/usr/bin/env bash
# Scores models on every quality set beside the gray baseline: the original project's 201 landscape pairs, the
# public-domain demo samples (landscapes, people), and the held-out pictures of a run's split (scenes, general
# photographs, people, faces: symlink folders made by bench/split-folders.py, named by VAL_SCENES, VAL_GENERAL,
# VAL_PEOPLE, VAL_FACES). Prints one table row per (set, model); writes each evaluation under OUT; for faces, also how
# they are colored (scripts/FaceHue.java).
# Usage: bench/quality.sh OUT MODEL_RUN_DIR... (a model "bundled" means the jar's pretrained model)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: bench/quality.sh OUT MODEL_RUN_DIR...}"; shift
SETS=("landscape-200=$ROOT/../shared/data/landscape-200" "demo=$ROOT/samples/free-landscapes"
  "demo-people=$ROOT/samples/free-people")
[[ -n "${VAL_SCENES:-}" ]] && SETS+=("held-out-scenes=$VAL_SCENES")
[[ -n "${VAL_GENERAL:-}" ]] && SETS+=("held-out-general=$VAL_GENERAL")
[[ -n "${VAL_PEOPLE:-}" ]] && SETS+=("held-out-people=$VAL_PEOPLE")
[[ -n "${VAL_FACES:-}" ]] && SETS+=("held-out-faces=$VAL_FACES")
for set in "${SETS[@]}"; do
  name="${set%%=*}"; dir="${set#*=}"
  for model in "$@"; do
    tag="$(basename "$model")"; mkdir -p "$OUT/$name"
    args=(); [[ "$model" != bundled ]] && args=(--model "$model")
    "$ROOT/colorize" evaluate "${args[@]}" --data "$dir" --out "$OUT/$name/$tag" --grid-rows 8 --report-rows 8 \
      ${EVAL_OPTS:-} > "$OUT/$name/$tag.txt" 2>&1 || true
    echo "== $name / $tag"; grep -E "gray baseline|^model|truth" "$OUT/$name/$tag.txt" || tail -3 "$OUT/$name/$tag.txt"
    if [[ "$name" == held-out-faces ]]; then
      java -cp "$ROOT/colorizer-cli/target/colorize.jar" "$ROOT/scripts/FaceHue.java" "$OUT/$name/$tag/predicted" "$dir"
    fi
  done
done
