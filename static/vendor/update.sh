#!/bin/sh
# Refresh the vendored front-end libraries from npm at the versions pinned in package.json.
# Usage: sh static/vendor/update.sh   (needs node + npm; writes only into static/vendor/)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$work/"
(cd "$work" && npm install --no-audit --no-fund --ignore-scripts --silent)
m="$work/node_modules"
rm -rf "$here/htmx" "$here/leaflet" "$here/markercluster"
mkdir -p "$here/htmx" "$here/leaflet/images" "$here/markercluster"
cp "$m/htmx.org/dist/htmx.min.js" "$m/htmx.org/LICENSE" "$here/htmx/"
cp "$m/htmx-ext-sse/dist/sse.min.js" "$here/htmx/sse.min.js"
cp "$m/leaflet/dist/leaflet.js" "$m/leaflet/dist/leaflet.css" "$m/leaflet/LICENSE" "$here/leaflet/"
cp "$m/leaflet/dist/images/"*.png "$here/leaflet/images/"
cp "$m/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$m/leaflet.markercluster/dist/MarkerCluster.css" \
   "$m/leaflet.markercluster/dist/MarkerCluster.Default.css" \
   "$m/leaflet.markercluster/MIT-LICENCE.txt" "$here/markercluster/"
for p in htmx.org htmx-ext-sse leaflet leaflet.markercluster; do
  printf '%s %s\n' "$p" "$(node -p "require('$m/$p/package.json').version")"
done > "$here/VERSIONS"
cat "$here/VERSIONS"
