#!/usr/bin/env bash
# The test command of README.md: installs what the tests need (FRR, PostgreSQL, redis-server) and runs every test,
# unit (*Test) and integration (*IT: real server, H2 and PostgreSQL, real FRR daemons).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
exec mvn -B verify "$@"
