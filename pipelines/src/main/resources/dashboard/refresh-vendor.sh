#!/usr/bin/env bash
# Refreshes the charting library inlined into the dashboard page.
# Usage: refresh-vendor.sh [version]   (default: the version pinned below)
# Needs npm and access to the npm registry. Writes chart.umd.min.js and chart.js-LICENSE.md here.
set -euo pipefail
VERSION="${1:-4.6.1}"
HERE="$(cd "$(dirname "$0")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm pack --silent "chart.js@${VERSION}" >/dev/null
tar -xzf "chart.js-${VERSION}.tgz"
cp package/dist/chart.umd.min.js "$HERE/chart.umd.min.js" 2>/dev/null || cp package/dist/chart.umd.js "$HERE/chart.umd.min.js"
cp package/LICENSE.md "$HERE/chart.js-LICENSE.md"
echo "chart.js@${VERSION}" > "$HERE/chart.js-VERSION"
echo "vendored chart.js ${VERSION} into $HERE"
