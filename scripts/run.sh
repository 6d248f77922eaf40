#!/usr/bin/env bash
# The run command of README.md: builds the server and metalctl (no tests) and starts the server
# on the embedded H2 store in ./.metal. Extra arguments go to bin/metal-api.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl server,cli -am
exec bin/metal-api "$@"
