#!/usr/bin/env bash
# Debian packages the tests use as independent references and hosts. Installs the missing ones when run as
# root on a machine with apt (a fresh machine: `npm test` runs this first); elsewhere prints what is missing,
# and the tests that need a missing tool skip with a message (praat, chromium) or fail (Jupyter).
set -euo pipefail
APT_PACKAGES=(
  praat espeak-ng sox                       # independent references for the feature tests
  chromium                                  # headless figure export
  jupyter-client python3-jupyter-kernel-test python3-nbclient jupyter-nbconvert  # kernel conformance and notebooks
  python3-notebook                          # classic Notebook 6: figures drawn in a real Notebook page
  redis-server                              # the distributed run's job queue (BullMQ), started on loopback by tests
  pocketsphinx-testdata asterisk-core-sounds-en-g722 alsa-utils  # real speech recordings for feature tests
  drascula-music freepats timidity          # real music recordings (and MIDI rendered with freepats)
)
command -v dpkg >/dev/null 2>&1 || { echo "system-packages: not a Debian system; install by hand: ${APT_PACKAGES[*]}" >&2; exit 0; }
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-packages: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "system-packages: missing ${missing[*]} (install with apt-get as root); the tests that use them will skip or fail" >&2
fi
