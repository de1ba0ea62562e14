#!/usr/bin/env bash
# Regenerates the SMILExtract reference CSVs of the eGeMAPS regression test (test/egemaps-opensmile.test.ts).
# Needs a SMILExtract built from openSMILE 3.0 (commit 341aea9) and that commit's config/ folder:
#   SMILEXTRACT=/path/to/SMILExtract OPENSMILE_CONFIG=/path/to/opensmile/config bash make-references.sh
# Made with: SMILEXTRACT=/work/tools/bin/SMILExtract, OPENSMILE_CONFIG=config/ of commit 341aea9 (git archive).
# Values are rounded to 5 significant digits (%.5g) to keep the files small.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
smile="${SMILEXTRACT:?set SMILEXTRACT}"
conf="${OPENSMILE_CONFIG:?set OPENSMILE_CONFIG}/egemaps/v02/eGeMAPSv02.conf"
clips="$(mktemp -d)"
trap 'rm -rf "$clips"' EXIT
bash "$here/clips.sh" "$clips"
round() { # semicolon CSV: header kept, name column dropped, numbers as %.5g
  awk -F';' 'BEGIN { OFS = ";" } NR == 1 { $1 = ""; print substr($0, 2); next }
    { line = $2; for (i = 3; i <= NF; i++) line = line OFS sprintf("%.5g", $i); print line }' "$1"
}
for name in speech16 music44 music22 speech8 speech48 music48; do
  "$smile" -C "$conf" -I "$clips/$name.wav" -lldcsvoutput "$clips/$name.lld.csv" -l 1 >/dev/null
  round "$clips/$name.lld.csv" > "$here/$name.lld.csv"
done
for name in speech16 music44 music22 speech8 speech48; do
  "$smile" -C "$conf" -frameModeFunctionalsConf "$here/fixed-1s-functionals.conf.inc" -I "$clips/$name.wav" \
    -csvoutput "$clips/$name.1hz.csv" -appendcsv 0 -l 1 >/dev/null
  round "$clips/$name.1hz.csv" > "$here/$name.1hz.csv"
done
# egemaps (one row per file): frameTime replaced by the clip name
out="$here/files.func.csv"
rm -f "$out"
for wav in "$clips"/*.wav; do
  name="$(basename "$wav" .wav)"
  "$smile" -C "$conf" -I "$wav" -csvoutput "$clips/$name.func.csv" -appendcsv 0 -l 1 >/dev/null
  round "$clips/$name.func.csv" | awk -F';' -v name="$name" 'BEGIN { OFS = ";" } NR == 1 { $1 = "file" } NR > 1 { $1 = name } 1' > "$clips/$name.f"
  if [ -s "$out" ]; then tail -n +2 "$clips/$name.f" >> "$out"; else cp "$clips/$name.f" "$out"; fi
done
