#!/usr/bin/env bash
# Installs what the tests and the demo need on a fresh Debian machine of this kind, and nothing twice:
# FRR (zebra, bgpd, staticd, vtysh, frr-reload.py, the SNMP module: SONiC's config has agentx), PostgreSQL server
# binaries, iproute2, util-linux (unshare, nsenter), ping, redis-server (the agent's SONiC CONFIG_DB tests) and
# ifupdown2 (the Cumulus interfaces apply; its postinst only writes a loopback-only /etc/network/interfaces when there
# is none and enables networking.service for the next systemd boot: it brings no interface up or down), and Graphviz
# (`metalctl network peering graph -o svg`).
# Java 17 and Maven come with the machine.
set -euo pipefail

need=()
[ -x /usr/lib/frr/zebra ] && [ -x /usr/lib/frr/bgpd ] && command -v vtysh >/dev/null || need+=(frr)
[ -x /usr/lib/frr/frr-reload.py ] || need+=(frr-pythontools)
compgen -G '/usr/lib/*/frr/modules/bgpd_snmp.so' >/dev/null || compgen -G '/usr/lib/frr/modules/bgpd_snmp.so' >/dev/null || need+=(frr-snmp)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v ip >/dev/null || need+=(iproute2)
command -v ping >/dev/null || need+=(iputils-ping)
command -v unshare >/dev/null && command -v nsenter >/dev/null || need+=(util-linux)
command -v runuser >/dev/null || need+=(util-linux)
command -v redis-server >/dev/null || need+=(redis-server)
[ -x /sbin/ifreload ] && [ -x /sbin/ifup ] && [ -x /sbin/ifquery ] || need+=(ifupdown2)
command -v dot >/dev/null || need+=(graphviz)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages ${need[*]}; run as root (apt-get install) and try again" >&2
    exit 1
  fi
  echo "install-deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

command -v java >/dev/null || { echo "install-deps: java (17) is missing" >&2; exit 1; }
command -v mvn >/dev/null || { echo "install-deps: maven is missing" >&2; exit 1; }
echo "install-deps: FRR $(dpkg-query -W -f='${Version}' frr 2>/dev/null), ifupdown2 $(dpkg-query -W -f='${Version}' ifupdown2 2>/dev/null), PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -1), $(redis-server --version | cut -d' ' -f1-3), $(dot -V 2>&1), $(java -version 2>&1 | head -1)"
