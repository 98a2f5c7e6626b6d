#!/usr/bin/env bash
# Lighthouse (mobile preset, performance) on the home page, an article and a
# listing of the built site/, served on 127.0.0.1. Needs Node.js and npm
# (lighthouse 12 runs on Node 18+) and Debian's chromium (scripts/install-browser.sh).
# Usage: bash scripts/lighthouse.sh            (after .venv/bin/sdw build)
#        RUNS=5 bash scripts/lighthouse.sh     (runs per page; the median run is reported,
#                                               as Lighthouse's docs advise for its variance)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d site ] || { echo "Eerst bouwen: .venv/bin/sdw build" >&2; exit 1; }
port=8799
# A static server that compresses text with gzip, as any real host does.
python3 - "$port" <<'PY' >/dev/null 2>&1 &
import gzip, http.server, sys
class Gzip(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k): super().__init__(*a, directory="site", **k)
    def send_head(self):
        path = self.translate_path(self.path)
        if path.endswith("/"): path += "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.endswith((".html", ".css", ".js", ".json", ".svg")):
            return super().send_head()
        try: body = gzip.compress(open(path, "rb").read(), 6)
        except OSError: return super().send_head()
        self.send_response(200); self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip"); self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io; return io.BytesIO(body)
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Gzip).serve_forever()
PY
server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1
out=$(mktemp -d)
export CHROME_PATH=/usr/bin/chromium
runs=${RUNS:-3}
for path in "" "verhalen/tamara-van-ark/" "verhalen/"; do
  name=${path:-home}; name=${name//\//_}
  for run in $(seq 1 "$runs"); do
    npx --yes lighthouse@12 "http://127.0.0.1:$port/$path" --quiet --only-categories=performance \
      --output=json --output-path="$out/$name-$run.json" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
      >/dev/null 2>&1 || echo "lighthouse failed for /$path (run $run)" >&2
  done
  python3 - "/$path" "$out/$name"-*.json <<'PY'
import json, sys
runs = []
for f in sys.argv[2:]:
    try:
        runs.append(json.load(open(f)))
    except (OSError, ValueError):
        pass
if not runs:
    sys.exit(0)
runs.sort(key=lambda r: r["categories"]["performance"]["score"])
r = runs[len(runs) // 2]  # the median run
scores = " ".join(str(round(x["categories"]["performance"]["score"] * 100)) for x in runs)
a = r["audits"]
transfer = sum(i.get("transferSize", 0) for i in a["network-requests"]["details"]["items"])
fonts = [i["url"] for i in a["network-requests"]["details"]["items"] if i.get("resourceType") == "Font"]
print(f"{sys.argv[1]:28} performance {round(r['categories']['performance']['score'] * 100)} (runs: {scores})  "
      f"FCP {a['first-contentful-paint']['displayValue']}  LCP {a['largest-contentful-paint']['displayValue']}  "
      f"TBT {a['total-blocking-time']['displayValue']}  CLS {a['cumulative-layout-shift']['displayValue']}  "
      f"transfer {transfer / 1024:.1f} KB  fonts {len(fonts)}")
PY
done
