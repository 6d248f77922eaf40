#!/usr/bin/env bash
# The run command of README.md: builds the server, the switch agent and metalctl (no tests) and starts the demo:
# the server on the embedded H2 store in ./.metal, seeded once with the demo partition, and one metal-core agent
# per switch writing the rendered configs to ./.metal/switches/<switch>/. Extra arguments go to bin/metal-api.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl server,agent,cli -am
exec bin/metal-api --demo "$@"
