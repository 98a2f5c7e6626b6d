#!/usr/bin/env bash
# Vendor Decap CMS (the web editor, served at /admin/ by the site itself, never from a CDN).
# Run by a maintainer to upgrade: bash scripts/vendor-decap.sh 3.16.3, then build, run
# tests/test_admin.py and tests/browser/test_edit.py, and commit overrides/admin/decap-cms/.
# npm checks the package's integrity against the registry; only the browser build is kept
# (no source maps, not the duplicate cms.js), with the licences.
set -euo pipefail
version="${1:?usage: scripts/vendor-decap.sh <decap-cms version>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/overrides/admin/decap-cms"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "decap-cms@$version" >/dev/null && tar xzf "decap-cms-$version.tgz")
dist="$work/package/dist"
rm -rf "$target"
mkdir -p "$target"
cp "$dist"/decap-cms.js "$dist"/decap-cms.js.LICENSE.txt "$dist"/*.wasm "$target"/
cp "$dist"/[0-9]*.decap-cms.js "$target"/
cp "$work/package/package.json" "$target/package.json"
cat > "$target/LICENSE" <<'LICENSE'
Copyright (c) 2016 Netlify <decap@p-m.si>

MIT License

Permission is hereby granted, free of charge, to any person obtaining
a copy of this software and associated documentation files (the
"Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to
the following conditions:

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
LICENSE
(cd "$target" && sha256sum -- * | LC_ALL=C sort -k2 > SHA256SUMS)
echo "decap-cms $version vendored into overrides/admin/decap-cms/ ($(du -sh "$target" | cut -f1))"
