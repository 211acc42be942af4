#!/bin/sh
# Regenerate proto/gen from proto/meseta/v1/*.proto. Run after changing a .proto;
# test/unit/proto-generated.test.ts checks that the committed code matches.
set -eu
cd "$(dirname "$0")/.."
out="${1:-proto/gen}"
mkdir -p "$out"
npx pbjs -t static-module -w commonjs --keep-case --force-number --no-verify --no-delimited --no-typeurl \
  -p proto -o "$out/meseta.js" -d \
  proto/meseta/v1/common.proto proto/meseta/v1/scheduler.proto proto/meseta/v1/agent.proto proto/meseta/v1/operator.proto proto/meseta/v1/exec.proto
