#!/bin/sh
# The lab's stand-in for Cumulus Linux' /usr/lib/vrf/vrf-helper: ifupdown2's vrf addon runs it as
# "vrf-helper create|delete <vrf> <table> [boot]" when each leaf's policy.d/vrf.json names it (module global
# vrf-helper). On create, the VRF's table gets an unreachable default in both families with the highest metric, as
# on Cumulus, so a lookup in a VRF never falls through to the main table. Debian's ifupdown2 has no helper of its own.
set -e
echo "$* t=$(cut -d" " -f1 /proc/uptime)" >> /tmp/vrf-helper.log
metric=4278198272
case "$1" in
    create)
        ip route replace unreachable default metric "$metric" table "$3"
        ip -6 route replace unreachable default metric "$metric" table "$3"
        ;;
    delete)
        ip route del unreachable default metric "$metric" table "$3" 2>/dev/null || true
        ip -6 route del unreachable default metric "$metric" table "$3" 2>/dev/null || true
        ;;
esac
