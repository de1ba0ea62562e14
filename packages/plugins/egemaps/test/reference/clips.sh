#!/usr/bin/env bash
# The real recordings of the eGeMAPS regression test, cut and converted with sox from Debian packages:
#   pocketsphinx-testdata (LibriVox public-domain speech, 16 kHz; CMU Sphinx test utterances, BSD-style),
#   drascula-music (the game's soundtrack, freely redistributable under the Drascula licence, 44.1 kHz Ogg).
# Usage: clips.sh <out-dir>   writes <name>.wav for every clip below (mono 16-bit, no dither: sox -D).
# Sourced by make-references.sh (SMILExtract side) and run by the jest test (emotrans side), so both analyse
# the same files.
set -euo pipefail
out="$1"
mkdir -p "$out"
PS=/usr/share/pocketsphinx/test/data
DR=/usr/share/scummvm/drascula/audio
clip() { # name, input (with its format options, as one word list), effects
  local name="$1" input="$2" effects="${3:-}"
  [ -s "$out/$name.wav" ] && return 0
  # shellcheck disable=SC2086 # word splitting of the option lists is intended
  sox -D $input -b 16 -c 1 "$out/$name.tmp.wav" $effects
  mv -f "$out/$name.tmp.wav" "$out/$name.wav"
}
# Frame-level references (egemaps-lld, egemaps-1hz): one clip per analysis rate.
clip speech16 "$PS/librivox/sense_and_sensibility_01_austen_64kb-0870.wav"
clip music44 "$DR/track2.ogg" "trim 30 5"
clip music22 "$DR/track2.ogg" "trim 30 5 rate 22050"
clip music48 "$DR/track2.ogg" "trim 30 5 rate 48000"
# The speech clip at 8 and 48 kHz (sox's resampler), for egemaps-lld and egemaps-1hz at those rates.
clip speech8 "$PS/librivox/sense_and_sensibility_01_austen_64kb-0870.wav" "rate 8000"
clip speech48 "$PS/librivox/sense_and_sensibility_01_austen_64kb-0870.wav" "rate 48000"
# Per-file references (egemaps): more files, so that each functional's correlation across files means something.
for n in 0880 0890 0920 0930; do clip "librivox$n" "$PS/librivox/sense_and_sensibility_01_austen_64kb-$n.wav"; done
for n in goforward numbers something; do clip "$n" "-t raw -r 16000 -e signed -b 16 -c 1 $PS/$n.raw"; done
for t in 3 4 5 6 7; do clip "drascula$t" "$DR/track$t.ogg" "trim 20 4"; done
