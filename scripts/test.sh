#!/usr/bin/env bash
# The test command of README.md: installs what the tests need (FRR, PostgreSQL, redis-server) and runs every test,
# unit (*Test) and integration (*IT: real server, H2 and PostgreSQL, real FRR daemons). Then, when called without
# arguments (as CI calls it), each benchmark once at a tiny size (scripts/bench.sh ... --small, about 2 minutes):
# proves the harnesses still run; they measure nothing and assert no time. Arguments go to Maven only, and skip them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
mvn -B verify "$@"
if [ $# -eq 0 ]; then
  for bench in api plan convergence; do
    echo "== scripts/bench.sh $bench --small (harness check, not a measurement)"
    scripts/bench.sh "$bench" --small
  done
fi
