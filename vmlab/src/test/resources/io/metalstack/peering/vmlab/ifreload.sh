#!/bin/sh
# ifupdown2 for one lab leaf, as the agent calls it (ifreload, ifup, ifquery: this script under each name, in
# /lab/wrap/<leaf>/, first on the agent's PATH): run in the leaf's namespace, where ip netns exec binds the leaf's
# /etc/netns/<leaf>/network over /etc/network, with its own lock (a fresh /run/network) and state directory.
# After a reload it re-adds the leaf's machine-port gateway addresses (lab wiring: a machine's stand-in for the
# BGP session it would re-establish after the reload); ifupdown2 purges addresses it does not manage.
leaf=$(basename "$(dirname "$0")")
cmd=$(basename "$0")
echo "$cmd $leaf $* t=$(cut -d' ' -f1 /proc/uptime)" >> /tmp/ifupdown2-calls.log
if [ "$cmd" = ifreload ]; then
    # what the reload does to links and neighbours, for the lab's record (out/step/<n>/monitor-<leaf>.log)
    ip -n "$leaf" -ts monitor link neigh >> "/tmp/monitor-$leaf.log" 2>&1 &
    monitor=$!
fi
ip netns exec "$leaf" sh -c 'mount -t tmpfs tmpfs /run/network && mount --bind "$1" /var/tmp/network || exit 1
    shift; PATH=/usr/sbin:/usr/bin:/sbin:/bin exec "$@"' sh "/var/lib/vmlab/$leaf/state" "$cmd" "$@"
rc=$?
if [ "$cmd" = ifreload ]; then
    sleep 1
    kill "$monitor" 2> /dev/null
    ip -n "$leaf" -force -batch "/var/lib/vmlab/ip/$leaf.ip" > /dev/null 2>&1
    echo "$cmd $leaf rc=$rc done t=$(cut -d' ' -f1 /proc/uptime)" >> /tmp/ifupdown2-calls.log
fi
exit $rc
