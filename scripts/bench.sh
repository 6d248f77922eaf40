#!/usr/bin/env bash
# One command per performance goal; each prints our figure, a reference figure measured in the same run, and the
# ratio. Benchmarks, not tests: nothing here asserts a time. See docs/performance.md for the results and what each
# reference means.
#
#   scripts/bench.sh plan [--small]         JMH (wall clock) and CpuTime (thread CPU time): full plan + render, one
#                                           peering change (1,000 leaves, 20,000 networks, 50,000 peerings) vs copying
#                                           the rendered bytes; then the server's start and heap with that inventory in
#                                           H2 (ServerScale)
#   scripts/bench.sh api [--small]          PeeringLoad (peering creates/s, p99, statements and CPU per create) on PostgreSQL
#                                           vs pgbench running the same transaction shape on the same kind of PostgreSQL, at
#                                           8 and 50 clients, with the HTTP stack's own ceiling in the same run (GET /healthz,
#                                           and an authenticated one-row GET, same clients); then PeeringScale: one create with 8,000 peerings stored vs
#                                           with 0, and GET /v1/network/peering pages and lists with 8,000 peerings
#   scripts/bench.sh convergence [--small]  PeeringLatency (create -> active, one agent on real FRR) vs a bare vtysh push
#                                           of the same lines into the same FRR lab (ConvergenceFloor)
#
# --small runs each at a tiny size (seconds): proves the harness still works (CI), measures nothing.
# MVN_FLAGS is passed to Maven (e.g. MVN_FLAGS=-o offline). BENCH_JAVA_OPTS goes to PeeringLoad's JVM (api: e.g. a JFR recording,
# -XX:StartFlightRecording=settings=profile,filename=/tmp/api.jfr). FRR and PostgreSQL come from scripts/install-deps.sh,
# as for the tests; a missing piece fails the command.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-}
small=false
[ "${2:-}" = "--small" ] && small=true
read -r -a mvn_flags <<<"${MVN_FLAGS:-}"
out=$(mktemp -d /tmp/metal-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT

say() { printf '%s\n' "$*"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
machine() { say "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uptime | sed 's/.*load average/load average/'), $(java -version 2>&1 | head -1)"; }

mvn_build() {
  mvn -B -q "${mvn_flags[@]}" "$@" >"$out/mvn.log" 2>&1 || { cat "$out/mvn.log" >&2; say "bench: build failed" >&2; exit 1; }
}

plan() {
  local leaves=1000 jmh=(-f 1 -wi 2 -w 2s -i 4 -r 2s) heap=1g
  if $small; then leaves=20; jmh=(-f 1 -wi 1 -w 1s -i 1 -r 1s); fi
  mvn_build -pl bench -am package -DskipTests
  machine
  java -jar bench/target/benchmarks.jar PlanBenchmark -p leaves=$leaves "${jmh[@]}" -rf json -rff "$out/plan.json" >"$out/jmh.log" 2>&1 \
    || { cat "$out/jmh.log" >&2; say "bench: JMH failed" >&2; exit 1; }
  grep '^fabric:' "$out/jmh.log" | head -1
  score() { jq -r --arg b "$1" '.[] | select(.benchmark | endswith("." + $b)) | .primaryMetric.score' "$out/plan.json"; }
  err() { jq -r --arg b "$1" '.[] | select(.benchmark | endswith("." + $b)) | .primaryMetric.scoreError' "$out/plan.json"; }
  local all affected
  all=$(score referenceCopyAllRendered); affected=$(score referenceCopyAffectedRendered)
  printf '%-58s %14s %26s %8s %s\n' "operation (JMH avg, ms)" "ours" "reference (same run)" "ratio" "goal"
  row() { # benchmark label reference reference-label goal-ms
    local ours; ours=$(score "$1")
    local met; met=$(awk -v o="$ours" -v g="$5" 'BEGIN { print (g == "" ? "" : (o <= g ? "met" : "MISSED")) }')
    printf '%-58s %7.2f ± %-5.2f %12.2f %-13s %8s %s\n' "$2" "$ours" "$(err "$1")" "$3" "$4" "$(ratio "$ours" "$3")" \
      "${5:+≤ $5 ms: $met}"
  }
  row fullPlanAndRender "full plan + render, every switch" "$all" "(copy output)" 2000
  row fullPlan "full plan" "$all" "(copy output)" ""
  row onePeeringAddedReplanAndRender "one peering added: re-plan + render affected" "$affected" "(copy output)" 10
  row onePeeringRemovedReplanAndRender "one peering removed: re-plan + render affected" "$affected" "(copy output)" 10
  row onePeeringAddedReplan "one peering added: re-plan" "$affected" "(copy output)" ""
  say "reference: copying the rendered files (all switches, or the affected ones) into one buffer in the same JMH run"
  say ""
  say "the same in CPU time of the thread and the common pool's workers (median; on a loaded machine wall clock mostly measures the neighbours):"
  java -Xms3g -Xmx3g -cp bench/target/benchmarks.jar io.metalstack.peering.bench.CpuTime $leaves
  say ""
  say "server with that inventory in H2 (goal: start ≤ 15 s, heap ≤ 1 GB; started with -Xmx$heap):"
  java -cp bench/target/benchmarks.jar io.metalstack.peering.bench.ServerScale $leaves $heap
}

start_postgres() { # dir port: a throwaway PostgreSQL as TestPostgres starts it (fsync=off, trust, as user postgres when root)
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  as=(); [ "$(id -u)" -eq 0 ] && { as=(runuser -u postgres --); chown postgres:postgres "$1"; }
  "${as[@]}" "$bin/initdb" -D "$1/data" -A trust -U postgres -E UTF8 --no-sync >"$1/initdb.log" 2>&1 \
    || { cat "$1/initdb.log" >&2; say "bench: initdb failed" >&2; exit 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$1/data" -l "$1/log" -w -t 60 \
    -o "-p $2 -k $1 -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
  PGBIN=$bin
}

api() {
  local clients=(8 50) networks=400 peerings=2000 seconds=20 scale=(800 8000 30)
  if $small; then clients=(2); networks=20; peerings=20; seconds=2; scale=(40 100 5); fi
  scripts/install-deps.sh >/dev/null
  mvn_build -pl server -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/cp.txt"
  machine
  local cp="server/target/test-classes:server/target/classes:$(cat "$out/cp.txt")"
  local pg="$out/pg" port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  chmod 755 "$out"
  mkdir -p "$pg"
  start_postgres "$pg" $port
  trap '"${as[@]}" "$PGBIN/pg_ctl" -D "$out/pg/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$out"' EXIT
  local psql=("${as[@]}" "$PGBIN/psql" -q -h 127.0.0.1 -p $port -U postgres -v ON_ERROR_STOP=1)
  "${psql[@]}" -c "CREATE DATABASE bench" >/dev/null
  "${psql[@]}" -d bench >/dev/null <<SQL
CREATE TABLE network (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO network SELECT g, 'n' || g FROM generate_series(1, $networks) g;
CREATE TABLE peering (id bigserial PRIMARY KEY, network1 int NOT NULL, network2 int NOT NULL, body text NOT NULL);
CREATE INDEX ON peering (network1);
CREATE INDEX ON peering (network2);
CREATE TABLE revision (id int PRIMARY KEY, value bigint NOT NULL);
INSERT INTO revision VALUES (1, 0);
CREATE TABLE change (revision bigint PRIMARY KEY, kind text NOT NULL, id text NOT NULL);
SQL
  # the transaction of one peering create, as the server runs it: lock both network rows, count the pair's peerings,
  # insert the peering (a body of the size of its JSON), bump the revision row, log the change
  cat >"$out/create.sql" <<SQL
\set a random(1, $networks)
\set d random(1, $((networks / 2 - 1)))
\set b 1 + ((:a - 1 + :d) % $networks)
BEGIN;
SELECT id FROM network WHERE id IN (:a, :b) ORDER BY id FOR UPDATE;
SELECT count(*) FROM peering WHERE (network1 = :a AND network2 = :b) OR (network1 = :b AND network2 = :a);
INSERT INTO peering (network1, network2, body) VALUES (:a, :b, repeat('x', 400));
UPDATE revision SET value = value + 1 WHERE id = 1;
INSERT INTO change (revision, kind, id) SELECT value, 'PEERING', currval('peering_id_seq')::text FROM revision WHERE id = 1;
END;
SQL
  chmod a+r "$out/create.sql"
  printf '%-46s %22s %30s %8s %s\n' "peering creates, PostgreSQL" "ours (PeeringLoad)" "reference (pgbench, same run)" "ratio" "goal"
  for c in "${clients[@]}"; do
    java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.metalstack.peering.server.bench.PeeringLoad \
      postgres "$c" $networks $peerings >"$out/load-$c.log" 2>&1 || { cat "$out/load-$c.log" >&2; exit 1; }
    local line tps p99 ref refl
    line=$(grep '^peering create latency' "$out/load-$c.log")
    tps=$(sed -E 's/.*throughput=([0-9.]+) creates.*/\1/' <<<"$line"); p99=$(sed -E 's/.*p99=([0-9.]+) ms.*/\1/' <<<"$line")
    grep -q 'failures=0' "$out/load-$c.log" || say "  (PeeringLoad reported failures: $(grep -o 'failures=[0-9]*' "$out/load-$c.log"))"
    "${as[@]}" "$PGBIN/pgbench" -h 127.0.0.1 -p $port -U postgres -n -M prepared -c "$c" -j 2 -T $seconds -f "$out/create.sql" bench \
      >"$out/pgbench-$c.log" 2>&1 || { cat "$out/pgbench-$c.log" >&2; exit 1; }
    ref=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' "$out/pgbench-$c.log"); refl=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' "$out/pgbench-$c.log")
    printf '%-46s %12.0f /s p99 %s ms %16.0f tps, avg %s ms %8s %s\n' "$c clients" "$tps" "$p99" "$ref" "$refl" "$(ratio "$tps" "$ref")" \
      "≥ 0.70 of pgbench: $(awk -v r="$(ratio "$tps" "$ref")" 'BEGIN { print (r >= 0.7 ? "met" : "MISSED") }'); p99 ≤ 50 ms: $(awk -v p="$p99" 'BEGIN { print (p <= 50 ? "met" : "MISSED") }')"
    say "  $(grep '^statements per create' "$out/load-$c.log") (pgbench: 6 per transaction, BEGIN and END included)"
    say "  $(grep '^cpu per create' "$out/load-$c.log")"
    # what any request costs here, same JVM, same clients: the ceiling of every endpoint, against the goal's figure
    local floor
    floor=$(sed -nE 's/^reference GET \/healthz.*throughput=([0-9.]+) requests.*/\1/p' "$out/load-$c.log")
    say "  same clients, same run: $(grep '^reference GET /healthz' "$out/load-$c.log" | sed -E 's/ latency.*p99=([0-9.]+) ms.*throughput=([0-9]+).*/: \2 requests\/s, p99 \1 ms/')"
    say "  same clients, same run: $(grep '^reference GET /v1/network' "$out/load-$c.log" | sed -E 's/ latency.*p99=([0-9.]+) ms.*throughput=([0-9]+).*/: \2 requests\/s, p99 \1 ms/')"
    say "  0.70 of pgbench is $(awk -v r="$ref" 'BEGIN { printf "%.0f", 0.7 * r }') creates/s; the HTTP stack alone serves $(awk -v f="$floor" 'BEGIN { printf "%.0f", f }') requests/s ($(ratio "$floor" "$ref") of pgbench)"
  done
  # the costs that must not grow with the peerings stored, on a server of its own (PeeringScale)
  java ${BENCH_JAVA_OPTS:-} -cp "$cp" io.metalstack.peering.server.bench.PeeringScale "${scale[@]}" >"$out/scale.log" 2>&1 \
    || { cat "$out/scale.log" >&2; exit 1; }
  grep -E '^(create median|statements per create|GET )' "$out/scale.log"
}

convergence() {
  local samples=20
  $small && samples=3
  [ "$(id -u)" -eq 0 ] || { say "bench: convergence needs root (FRR lab: network namespaces)" >&2; exit 1; }
  scripts/install-deps.sh >/dev/null
  mvn_build -pl e2e -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/cp.txt"
  machine
  local cp="e2e/target/test-classes:e2e/target/classes:$(cat "$out/cp.txt")"
  java -cp "$cp" io.metalstack.peering.e2e.bench.ConvergenceFloor "$samples" >"$out/floor.log" 2>&1 || { cat "$out/floor.log" >&2; exit 1; }
  java -cp "$cp" io.metalstack.peering.e2e.bench.PeeringLatency 1 "$samples" 1 >"$out/latency.log" 2>&1 || { cat "$out/latency.log" >&2; exit 1; }
  local line f50 f99 o50 o99
  line=$(grep '^floor' "$out/floor.log"); f50=$(sed -E 's/.*p50=([0-9]+) ms.*/\1/' <<<"$line"); f99=$(sed -E 's/.*p99=([0-9]+) ms.*/\1/' <<<"$line")
  line=$(grep '^agents=' "$out/latency.log"); o50=$(sed -E 's/.*p50=([0-9]+) ms.*/\1/' <<<"$line"); o99=$(sed -E 's/.*p99=([0-9]+) ms.*/\1/' <<<"$line")
  printf '%-40s %24s %34s %12s %s\n' "one FRR leaf" "ours (201 -> active)" "reference (bare vtysh push -> valid)" "ratio p99" "goal"
  printf '%-40s %10s p50 / %s p99 ms %18s p50 / %s p99 ms %12s %s\n' "$samples samples" "$o50" "$o99" "$f50" "$f99" "$(ratio "$o99" "$f99")" \
    "p99 ≤ 3 × floor: $(awk -v a="$o99" -v b="$f99" 'BEGIN { print (a <= 3 * b ? "met" : "MISSED") }')"
}

case "$what" in
  plan) plan ;;
  api) api ;;
  convergence) convergence ;;
  *) say "usage: scripts/bench.sh api|convergence|plan [--small]" >&2; exit 2 ;;
esac
