#!/usr/bin/env bash
# Builds the reader (crates/claimmark-reader), the small bundle that
# <claim-annotator mode="read"> loads, beside the editor's:
#   claimmark-reader.js         wasm-bindgen's glue (--target web)
#   claimmark-reader_bg.wasm    the wasm, through wasm-opt -Oz
# Trunk runs it after its own build (Trunk.toml, [[hooks]] post_build) with
# TRUNK_STAGING_DIR set, so `make build` and `make serve` both ship it; run
# by hand, it writes into dist/. Release profile of the workspace
# (opt-level z, LTO, one codegen unit, abort on panic).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

out="${TRUNK_STAGING_DIR:-dist}"
mkdir -p "$out"
target_dir=$(cargo metadata --format-version 1 --no-deps --offline | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
work="$target_dir/claimmark-reader"
mkdir -p "$work"

cargo build -p claimmark-reader --release --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-name claimmark-reader --out-dir "$work" \
  "$target_dir/wasm32-unknown-unknown/release/claimmark_reader.wasm"
# The features rustc's wasm32 target enables by default, so wasm-opt
# accepts (and keeps) what the module already uses.
wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$work/claimmark-reader_bg.wasm" -o "$out/claimmark-reader_bg.wasm"
cp "$work/claimmark-reader.js" "$out/claimmark-reader.js"
echo "build-reader: $(wc -c < "$out/claimmark-reader_bg.wasm") bytes of wasm in $out"
