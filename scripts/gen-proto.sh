#!/bin/sh
# Regenerate proto/gen from every proto/meseta/v1/*.proto (in name order). Run after changing a .proto;
# test/unit/proto-generated.test.ts checks that the committed code matches.
set -eu
cd "$(dirname "$0")/.."
out="${1:-proto/gen}"
mkdir -p "$out"
npx pbjs -t static-module -w commonjs --keep-case --force-number --no-verify --no-delimited --no-typeurl \
  -p proto -o "$out/meseta.js" -d \
  $(ls proto/meseta/v1/*.proto | LC_ALL=C sort)
