#!/usr/bin/env bash
# The README's quick start, run the way newcomers run it (issue 18): a clean clone, no DATABASE_URL,
# `npm start` on the embedded PostgreSQL; wait for /health, then for the whole demo shop (/ready
# says seeding: false), list a product, stop (SIGTERM; exit 0, its PostgreSQL gone with it).
# Two clones run side by side on this machine: one as root in a mode-700 folder (like /root/...),
# one as an unprivileged user (made if missing), both asking for the default PostgreSQL port,
# so one of them must take another. Needs root (useradd, runuser); .ci/run runs it after npm test.
#
# Install: each clone gets the node_modules that `npm ci` made in this checkout, hard-linked (a
# second `npm ci` per clone would only test npm's cache; set QUICKSTART_NPM_CI=1 to run it anyway).
# The demo shop is SEED_DEMO_PRODUCTS products (default here 40; 500 for a person) to keep CI short.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
products=${SEED_DEMO_PRODUCTS:-40}
user=${QUICKSTART_USER:-tessera-quickstart}
started=$(date +%s)

[ "$(id -u)" = 0 ] || { echo "quickstart: run me as root (I create a user and run as it)"; exit 1; }
# (resolved: under npx, `node` on PATH is a relative symlink that would dangle once linked elsewhere)
node=$(readlink -f "$(command -v node)")
"$node" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 18) ? 0 : 1)' ||
  { echo "quickstart: needs Node >= 22.18 on PATH (found $("$node" --version))"; exit 1; }
id -u "$user" >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$user"

pids=()
dirs=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for dir in "${dirs[@]}"; do
    # (as root in a private folder, the data lives where the postgres user can reach it; .data/pg links there)
    link="$dir/tessera/.data/pg"
    if [ -L "$link" ]; then rm -rf "$(readlink "$link")"; fi
    rm -rf "$dir"
  done
}
trap cleanup EXIT

# The Node binary and npm where the unprivileged user can run them (npx keeps Node under /root).
shared=$(mktemp -d)
dirs+=("$shared")
chmod 755 "$shared"
mkdir "$shared/bin"
ln "$node" "$shared/bin/node" 2>/dev/null || cp "$node" "$shared/bin/node"
chmod 755 "$shared/bin/node"
path="$shared/bin:/usr/local/bin:/usr/bin:/bin"

# clone <owner> <dir>: a fresh clone of this checkout's HEAD in <dir> (mode 700), owned by <owner>.
clone() {
  local dir=$2
  git clone -q --no-hardlinks "$repo" "$dir/tessera"
  if [ "${QUICKSTART_NPM_CI:-}" = 1 ]; then
    (cd "$dir/tessera" && PATH="$path" npm ci --prefer-offline --no-audit --no-fund >/dev/null)
  else
    cp -al "$repo/node_modules" "$dir/tessera/node_modules" 2>/dev/null || cp -a "$repo/node_modules" "$dir/tessera/node_modules"
  fi
  mkdir "$dir/home"
  # (everything but the linked node_modules, whose files are this checkout's too)
  find "$dir" -path "$dir/tessera/node_modules" -prune -o -exec chown "$1:" {} +
}

# start <name> <dir> <owner> <port>: `npm start` in the clone, as <owner>, output to <dir>/out.log,
# in a process group of its own: the stop signals the group, as Ctrl-C in a terminal does (npm's
# `sh -c` would not pass a signal sent to npm alone on to node). setpriv, unlike runuser, execs.
start() {
  local name=$1 dir=$2 owner=$3 port=$4
  local env=(HOME="$dir/home" PATH="$path" PORT="$port" SEED_DEMO_PRODUCTS="$products")
  local as=()
  [ "$owner" = root ] || as=(setpriv --reuid="$owner" --regid="$owner" --init-groups --)
  (cd "$dir/tessera" && exec setsid "${as[@]}" env -i "${env[@]}" npm start >"$dir/out.log" 2>&1) &
  pids+=($!)
  echo "$name: npm start (pid $!) as $owner in $dir/tessera, mode $(stat -c %a "$dir"), PORT=$port"
}

fail() {
  echo "quickstart $1: $2"
  echo "--- $3/out.log"
  tail -n 60 "$3/out.log"
  exit 1
}

# check <name> <dir> <port> <pid>: health, the demo shop complete, a product, a clean stop.
check() {
  local name=$1 dir=$2 port=$3 pid=$4 url="http://127.0.0.1:$3" body="" t0
  t0=$(date +%s)
  until curl -sf "$url/health" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || fail "$name" "npm start exited before /health" "$dir"
    [ $(($(date +%s) - t0)) -lt 180 ] || fail "$name" "no /health after 180 s" "$dir"
    sleep 0.5
  done
  echo "$name: /health after $(($(date +%s) - t0)) s"
  until body=$(curl -sf "$url/ready") && [[ "$body" == *'"seeding":false'* ]]; do
    kill -0 "$pid" 2>/dev/null || fail "$name" "npm start exited while seeding" "$dir"
    [ $(($(date +%s) - t0)) -lt 600 ] || fail "$name" "still seeding after 600 s: $body" "$dir"
    sleep 1
  done
  echo "$name: the demo shop is complete after $(($(date +%s) - t0)) s: $body"
  body=$(curl -sf "$url/store/products?limit=1")
  [[ "$body" == *'"handle":'* ]] || fail "$name" "no product listed: $body" "$dir"
  echo "$name: listed $(sed -E 's/.*"title":"([^"]*)".*/\1/' <<<"$body")"
  grep -q 'The demo shop is ready: browse http' "$dir/out.log" || fail "$name" "no ready line" "$dir"
  grep -q 'Owner login (shown once)' "$dir/out.log" || fail "$name" "no owner login printed" "$dir"
  # SIGTERM to node, as a supervisor stops it (a group signal would make npm itself exit 143)
  local node_pid
  node_pid=$(pgrep -g "$pid" -f '^node( --[^ ]+)* src/start.mjs') || fail "$name" "no node process under npm start" "$dir"
  kill -TERM "$node_pid"
  local code=0
  wait "$pid" || code=$?
  [ "$code" = 0 ] || fail "$name" "npm start exited with $code after SIGTERM to node" "$dir"
  ! pgrep -g "$pid" >/dev/null || fail "$name" "processes of npm start outlived it" "$dir"
  local data
  data=$(readlink -f "$dir/tessera/.data/pg")
  if pgrep -f -- "-D $data " >/dev/null; then fail "$name" "its PostgreSQL still runs after the stop" "$dir"; fi
  echo "$name: stopped cleanly"
}

root_dir=$(mktemp -d)
user_dir=$(mktemp -d)
dirs+=("$root_dir" "$user_dir")
clone root "$root_dir"
clone "$user" "$user_dir"
start root "$root_dir" root 3181
root_pid=${pids[-1]}
start user "$user_dir" "$user" 3182
user_pid=${pids[-1]}
# (both run side by side until the first is checked and stopped)
check root "$root_dir" 3181 "$root_pid"
check user "$user_dir" 3182 "$user_pid"

grep -q 'running as root: PostgreSQL runs as the postgres user, with its data in /var/lib/tessera/' "$root_dir/out.log" ||
  fail root "no word of where the data went" "$root_dir"
grep -Eq 'port 54329 is taken .*uses port [0-9]+ instead' "$root_dir/out.log" "$user_dir/out.log" ||
  echo "(neither start found 54329 taken: one found it free before the other bound it, and the retry took over)"

# As the user, a data folder it cannot write: one line and exit code 2 (root writes anywhere).
mkdir "$user_dir/read-only" && chown "$user:" "$user_dir/read-only" && chmod 500 "$user_dir/read-only"
code=0
out=$(cd "$user_dir/tessera" && setpriv --reuid="$user" --regid="$user" --init-groups -- env -i HOME="$user_dir/home" PATH="$path" DATA_DIR="$user_dir/read-only" PORT=0 npm start --silent 2>&1) || code=$?
[ "$code" = 2 ] && [[ "$out" == *"is not a folder this user can write (EACCES)"* ]] ||
  { echo "quickstart user: a read-only DATA_DIR gave exit $code: $out"; exit 1; }
echo "user: read-only DATA_DIR -> exit 2: $out"

echo "quickstart: passed in $(($(date +%s) - started)) s"
