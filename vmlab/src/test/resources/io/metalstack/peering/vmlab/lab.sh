#!/bin/sh
# The fabric inside the guest, driven by the host through the share ($1/in, written by LabInputs and the test):
#   topology.batch        ip -batch in the root namespace: spine, exit, ISP, leaf and machine namespaces, veth links
#   routers               the routers whose config is the lab's (spine, exit switch, ISP), one a line; for each
#   <router>.frr.conf     its FRR config, and ns/<router>.ip its kernel side (the product renders the leaves)
#   bgp-hosts, <ns>.frr.conf  machines that run FRR themselves, and their configs
#   leaves, hosts         leaf names ("leaf management-address" lines), machine namespace names
#   ns/<ns>.ip            a machine's addresses and routes; a leaf's machine-port gateway addresses (lab wiring,
#                         re-added by the ifreload wrapper after every reload: the machines' stand-in for BGP)
#   api-url, token        where the agents reach metal-api (the host, through QEMU's user network) and their token
#   step/<n>/             the host's steps, 1, 2, ...: each starts when step/<n>/go exists (see run_step)
# Each leaf runs the real agent, bin/metal-core --target frr with its OS side: it renders, writes
# /etc/network/interfaces (each leaf's own, /etc/netns/<leaf>/network, which ip netns exec binds over /etc/network)
# and applies it with ifupdown2, then frr.conf into the leaf's FRR. Results go to $1/out.
set -u
in=$1/in
out=$1/out
mkdir -p "$out"
now() { cut -d' ' -f1 /proc/uptime; }
stage() { echo "VMLAB-STAGE $* t=$(now)"; }
fail() { echo "VMLAB-ERROR $*"; exit 1; }
leaves=$(awk '{ print $1 }' "$in/leaves")
hosts=$(cat "$in/hosts")
routers=$(cat "$in/routers")

stage topology
ip -batch "$in/topology.batch" || fail "topology.batch"
for ns in $routers $leaves; do
    ip netns exec "$ns" sh -c 'for k in ipv4/ip_forward ipv6/conf/all/forwarding ipv4/tcp_l3mdev_accept ipv4/udp_l3mdev_accept; do echo 1 > /proc/sys/net/$k; done' \
        || fail "sysctl in $ns"
done
for ns in $routers $hosts; do
    ip -n "$ns" -batch "$in/ns/$ns.ip" || fail "ip batch of $ns"
done
mkdir -p /var/lib/vmlab/ip
for leaf in $leaves; do
    cp "$in/ns/$leaf.ip" "/var/lib/vmlab/ip/$leaf.ip"
done

stage network
modprobe virtio_net && ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 && ip route add default via 10.0.2.2 || fail "guest network (virtio_net)"

# each leaf's ifupdown2: its own /etc/network (policies as on Cumulus Linux), lock and state directories
mkdir -p /run/network /var/tmp/network
for leaf in $leaves; do
    etc=/etc/netns/$leaf
    mkdir -p "$etc/network" "/var/lib/vmlab/$leaf/state" "/lab/wrap/$leaf"
    cp -a /etc/iproute2 "$etc/iproute2"
    cp -a /etc/network/ifupdown2 "$etc/network/ifupdown2"
    mkdir -p "$etc/network/ifupdown2/policy.d"
    # the vrf addon runs the lab's stand-in for Cumulus' vrf-helper for each VRF it creates (unreachable defaults)
    echo '{"vrf": {"module_globals": {"vrf-helper": "/lab/vrf-helper"}}}' > "$etc/network/ifupdown2/policy.d/vrf.json"
    # Cumulus Linux' policy: the default MTU is 9216 (Debian's ifupdown2 pins a bridge without an mtu line to 1500,
    # and the rendered SVIs' mtu 9000 could then not be set)
    echo '{"address": {"defaults": {"mtu": "9216"}}}' > "$etc/network/ifupdown2/policy.d/mtu.json"
    # a switch's bridge keeps one MAC (Cumulus Linux pins it; SONiC uses the system MAC); a Linux bridge otherwise takes
    # the lowest MAC of its ports, so a new VXLAN port (random MAC) of a VRF added by a peering would change the router
    # MAC of every L3VNI on the leaf under the remote leaves' feet: pin it to the management port's, as ifupdown2's
    # bridge_mac_iface policy does
    echo '{"bridge": {"module_globals": {"bridge_mac_iface": ["eth0"]}}}' > "$etc/network/ifupdown2/policy.d/bridge.json"
    for c in ifreload ifup ifquery; do ln -s /lab/ifreload "/lab/wrap/$leaf/$c"; done
done

stage frr-start
pids=""
# the lab's routers, the leaves, and the machines that speak BGP themselves (a Kubernetes node announcing its pod CIDR)
bgphosts=$(cat "$in/bgp-hosts")
for ns in $routers $leaves $bgphosts; do
    d=/etc/frr/$ns
    mkdir -p "$d"
    sed -e 's/^bgpd=no/bgpd=yes/' /etc/frr/daemons > "$d/daemons"
    # under TCG on a busy host a daemon's start or the boot-time config load can take longer than watchfrr's
    # 20 s restart timeout, and watchfrr would kill it half-configured
    echo 'watchfrr_options="--netns -T 120"' >> "$d/daemons"
    cp /etc/frr/vtysh.conf "$d/vtysh.conf"
    if [ -f "$in/$ns.frr.conf" ]; then
        cp "$in/$ns.frr.conf" "$d/frr.conf"
    else
        # what a switch runs before metal-core's first apply
        printf 'frr defaults datacenter\nhostname %s\nservice integrated-vtysh-config\n' "$ns" > "$d/frr.conf"
    fi
    chown -R frr:frr "$d"
    /usr/lib/frr/frrinit.sh start "$ns" > "$out/frrinit-$ns.log" 2>&1 &
    pids="$pids $!"
done
for pid in $pids; do wait "$pid" || fail "frrinit.sh start failed: see out/frrinit-*.log"; done
# the routers' and the machines' configs are the lab's: make sure they run (the leaves' configs are the agents' business)
for ns in $routers $bgphosts; do
    if ! vtysh -N "$ns" -c 'show running-config' | grep -q '^router bgp'; then
        echo "$ns: boot config not running, loading it" >&2
        vtysh -N "$ns" -f "/etc/frr/$ns/frr.conf" || fail "$ns: cannot load its config"
    fi
done

stage agents
# --drift-check 30m: no full reload within the run (its ifreload -a would bring the port of the machine the host takes
# offline back up); the full reload path still runs, at each agent's first apply
while read -r leaf mgmt; do
    (
        cd "/var/lib/vmlab/$leaf" || exit 1
        PATH="/lab/wrap/$leaf:/opt/jre/bin:$PATH" METAL_CORE_TOKEN=$(cat "$in/token") \
            METAL_CORE_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -Xss512k -XX:ReservedCodeCacheSize=32m" \
            exec /opt/metal-peering/bin/metal-core --switch "$leaf" --api-url "$(cat "$in/api-url")" \
            --frr-config "/etc/frr/$leaf/frr.conf" --vty-socket "/var/run/frr/$leaf" \
            --interfaces "/etc/netns/$leaf/network/interfaces" --management-address "$mgmt" \
            --observe-interval 2s --retry-interval 5s --backoff-max 5s --settle 20s --drift-check 30m
    ) > "$out/agent-$leaf.log" 2>&1 &
    echo $! > "/tmp/agent-$leaf.pid"
done < "$in/leaves"
stage ready

# "leaf vrf prefix" for every unicast route of both families in the tables named in $1 ("leaf vrf" lines), sorted;
# the VRF devices are read each time (the agents create them as peerings come and go)
routes() {
    for leaf in $leaves; do
        ip -n "$leaf" -d -o link show type vrf | awk -v leaf="$leaf" '
            { n = $2; sub(/:$/, "", n); for (i = 3; i < NF; i++) if ($i == "table") { print leaf, $(i + 1), n; print leaf, n, n } }'
    done > /tmp/vrf-tables
    for leaf in $leaves; do
        for fam in -4 -6; do
            ip -n "$leaf" "$fam" -o route show table all | awk -v leaf="$leaf" -v fam="$fam" -v map=/tmp/vrf-tables -v checked="$1" '
                BEGIN { while ((getline l < map) > 0) { split(l, f, " "); vrf[f[1] " " f[2]] = f[3] }
                        while ((getline l < checked) > 0) want[l] = 1 }
                $1 ~ /^(local|broadcast|unreachable|multicast|anycast|blackhole|prohibit|throw|nat)$/ { next }
                $1 ~ /^fe80:/ { next }
                { t = ""; for (i = 2; i < NF; i++) if ($i == "table") t = $(i + 1)
                  if ((leaf " " t) in vrf && ((leaf " " vrf[leaf " " t]) in want)) {
                      p = $1; if (p == "default") p = (fam == "-6" ? "::/0" : "0.0.0.0/0"); else if (p !~ /\//) p = p (p ~ /:/ ? "/128" : "/32")
                      print leaf, vrf[leaf " " t], p } }'
        done
    done | sort -u
}

# waits until the checked tables equal the expectation, or contain it and have not changed for 10 s; at most 150 s
converge() {
    expected=$1
    checked=$2
    start=$(now)
    last=""
    since=$start
    while :; do
        routes "$checked" > /tmp/routes
        t=$(now)
        if cmp -s /tmp/routes "$expected"; then
            echo true
            return
        fi
        cur=$(md5sum < /tmp/routes)
        if [ "$cur" != "$last" ]; then
            last=$cur
            since=$t
        elif [ -z "$(sort "$expected" | comm -23 - /tmp/routes)" ] && awk -v a="$t" -v b="$since" 'BEGIN { exit !(a - b >= 10) }'; then
            echo false
            return
        fi
        if awk -v a="$t" -v b="$start" 'BEGIN { exit !(a - b >= 150) }'; then
            echo false
            return
        fi
        sleep 1
    done
}

# "from to address" lines of $1: one ping each (a second one on loss), all in parallel, one ip netns exec per source
pings() {
    rm -rf /tmp/pings
    mkdir -p /tmp/pings
    for from in $(awk '{ print $1 }' "$1" | sort -u); do
        awk -v f="$from" '$1 == f' "$1" > "/tmp/pings/$from.list"
        ip netns exec "$from" sh -c '
            n=0
            while read -r from to addr; do
                n=$((n + 1))
                (
                    if ping -n -q -c 1 -W 2 "$addr" > /dev/null 2>&1 || ping -n -q -c 1 -W 2 "$addr" > /dev/null 2>&1; then
                        r=true
                    else
                        r=false
                    fi
                    echo "$from $to $addr $r" > "/tmp/pings/$from-$n.res"
                ) &
            done < "$1"
            wait' sh "/tmp/pings/$from.list" &
        sources="${sources:-} $!"
    done
    # only these: the agents and samplers are children of this shell too
    for pid in $sources; do wait "$pid"; done
    sources=""
    cat /tmp/pings/*.res 2>/dev/null | sort
}

# ICMP echo requests each machine has received so far, "ns v4 v6"
counters() {
    for ns in $hosts; do
        echo "$ns $(ip netns exec "$ns" awk '
            /^Icmp: [0-9]/ { split(h, k, " "); for (i = 2; i <= NF; i++) if (k[i] == "InEchos") v4 = $i }
            /^Icmp: [A-Z]/ { h = $0 }
            /^Icmp6InEchos/ { v6 = $2 }
            END { print v4 + 0, v6 + 0 }' /proc/net/snmp /proc/net/snmp6)"
    done
}

# lab actions a step's pre or post script may call
sampler_start() { # name namespace address: pings every 0.2 s until sampler_stop
    ip netns exec "$2" ping -n -i 0.2 -W 1 "$3" > "/tmp/sampler-$1.log" 2>&1 &
    echo $! > "/tmp/sampler-$1.pid"
}
sampler_stop() { # name: "name transmitted received" into the step's samplers.txt
    kill -INT "$(cat "/tmp/sampler-$1.pid")" 2> /dev/null
    sleep 1
    awk -v n="$1" '/packets transmitted/ { print n, $1, $4 }' "/tmp/sampler-$1.log" >> "$stepout/samplers.txt"
    cp "/tmp/sampler-$1.log" "$stepout/sampler-$1.log"
}
check_interfaces() { # ifupdown2's own check of each leaf's running state against the agent's file: every attribute applied
    for leaf in $leaves; do
        ip netns exec "$leaf" sh -c 'mount -t tmpfs tmpfs /run/network && mount --bind "$1" /var/tmp/network && ifquery -a -c' \
            sh "/var/lib/vmlab/$leaf/state" > "$stepout/ifquery-check-$leaf.txt" 2>&1 &
        checks="${checks:-} $!"
    done
    for pid in $checks; do wait "$pid"; done
    checks=""
    for leaf in $leaves; do
        # a [fail] is allowed only for the lab's own machine-port addresses (ifquery -c lists every running address)
        awk 'FNR == 1 { f++ }
             f == 1 && $1 == "addr" { wiring[$5] = 1; next }
             /^iface / { i = $2; next }
             f == 2 && /^[ \t]+[a-z]/ && $1 !~ /^mstpctl-/ && (i " " $1) != "lo vxlan-local-tunnelip" { want[i " " $1] = 1 }
             f == 3 && /^\t/ { have[i " " $1] = 1; if ($NF == "[fail]" && !($1 == "address" && ($2 in wiring))) { print "failed: " i " " $0; bad = 1 } }
             END { for (k in want) if (!(k in have)) { print "missing: " k; bad = 1 } exit bad }' \
            "/var/lib/vmlab/ip/$leaf.ip" "/etc/netns/$leaf/network/interfaces" "$stepout/ifquery-check-$leaf.txt" > "$stepout/ifquery-missing-$leaf.txt" \
            || fail "$leaf: ifupdown2 did not apply the agent's interfaces file (ifquery -c): $(tr '\n' ',' < "$stepout/ifquery-missing-$leaf.txt")"
        # the bridge (and with it every L3VNI SVI, the leaf's router MAC) kept the management port's MAC (bridge.json)
        bmac=$(ip -n "$leaf" -o link show dev bridge | sed -n 's|.*link/ether \([0-9a-f:]*\).*|\1|p')
        emac=$(ip -n "$leaf" -o link show dev eth0 | sed -n 's|.*link/ether \([0-9a-f:]*\).*|\1|p')
        [ -n "$bmac" ] && [ "$bmac" = "$emac" ] || fail "$leaf: the bridge's MAC $bmac is not the management port's $emac (bridge.json)"
        # each VRF ifupdown2 created got the vrf-helper's unreachable default: a lookup never falls through to main
        for table in $(ip -n "$leaf" -d -o link show type vrf | awk '{ for (i = 3; i < NF; i++) if ($i == "table") print $(i + 1) }'); do
            ip -n "$leaf" route show table "$table" | grep -q '^unreachable default' \
                || fail "$leaf: VRF table $table has no unreachable default: did ifupdown2 run /lab/vrf-helper?"
        done
    done
}
anycast_burst() { # from address count: echo counters of every machine before and after count pings, "ns v4 v6 v4' v6'"
    counters | sort > /tmp/burst-before
    ip netns exec "$1" ping -n -q -c "$3" -i 0.2 -W 1 "$2" > /dev/null 2>&1
    counters | sort > /tmp/burst-after
    join /tmp/burst-before /tmp/burst-after | sed "s|^|$2 |" >> "$stepout/burst.txt"
}
diag() { # leaf vrf address...: how the leaf routes each address in the VRF, in the kernel and in bgpd
    leaf=$1; vrf=$2; shift 2
    for a in "$@"; do
        echo "=== $leaf $vrf $a"
        ip -n "$leaf" route get "$a" vrf "$vrf" 2>&1
        case $a in *:*) fam=ipv6 ;; *) fam=ipv4 ;; esac
        vtysh -N "$leaf" -c "show bgp vrf $vrf $fam unicast $a" 2>&1
    done
    ip -n "$leaf" neigh show 2>&1 | grep -v fe80 | head -40
    bridge -n "$leaf" fdb show 2>&1 | grep -v permanent | head -40
    vtysh -N "$leaf" -c 'show evpn rmac vni all' -c 'show evpn next-hops vni all' 2>&1 | head -60
}
stop_agents() {
    for leaf in $leaves; do
        kill "$(cat "/tmp/agent-$leaf.pid")" 2> /dev/null
    done
    sleep 2
}

debug() {
    for leaf in $leaves; do
        echo "=== $leaf"
        vtysh -N "$leaf" -c 'show bgp summary' -c 'show bgp vrf all summary' -c 'show evpn vni' \
            -c 'show bgp l2vpn evpn route type prefix' -c 'show ip route vrf all' -c 'show ipv6 route vrf all' 2>&1
        ip -n "$leaf" -d -br link
        ip -n "$leaf" -br addr
    done
    vtysh -N spine -c 'show bgp summary' -c 'show bgp l2vpn evpn summary' 2>&1
    vtysh -N exit01 -c 'show bgp summary' -c 'show bgp vrf all summary' -c 'show evpn vni' -c 'show ipv6 route vrf all' 2>&1
    vtysh -N inet -c 'show bgp ipv6 unicast' 2>&1
    tail -n 30 "$out"/agent-*.log
}

n=1
while :; do
    d=$in/step/$n
    waited=0
    while [ ! -e "$d/go" ]; do
        sleep 0.5
        waited=$((waited + 1))
        [ "$waited" -lt 1800 ] || fail "no step $n from the host within 900 s"
    done
    name=$(cat "$d/name")
    stepout=$out/step/$n
    mkdir -p "$stepout"
    stage "step $n $name"
    t0=$(now)
    if [ -f "$d/pre" ]; then . "$d/pre" > "$stepout/pre.log" 2>&1; fi
    t1=$(now)
    converged=$(converge "$d/expected" "$d/checked")
    cp /tmp/routes "$stepout/routes.txt"
    cp /tmp/vrf-tables "$stepout/vrfs.txt"
    [ "$converged" = true ] || debug > "$stepout/debug.txt" 2>&1
    t2=$(now)
    if [ -f "$d/pings" ]; then pings "$d/pings" > "$stepout/pings.txt"; else : > "$stepout/pings.txt"; fi
    t3=$(now)
    if [ -f "$d/routeget" ]; then
        while read -r leaf vrf addr; do
            echo "$leaf $vrf $addr $(ip -n "$leaf" route get "$addr" vrf "$vrf" 2>&1 | head -n 1)"
        done < "$d/routeget" > "$stepout/routeget.txt"
    fi
    if [ -f "$d/counters" ]; then counters > "$stepout/counters.txt"; fi
    if [ -f "$d/post" ]; then . "$d/post" > "$stepout/post.log" 2>&1; fi
    cp /tmp/ifupdown2-calls.log /tmp/monitor-*.log "$stepout/" 2> /dev/null
    t4=$(now)
    echo "converged=$converged pre=$(awk -v a="$t1" -v b="$t0" 'BEGIN { print a - b }') converge=$(awk -v a="$t2" -v b="$t1" 'BEGIN { print a - b }') pings=$(awk -v a="$t3" -v b="$t2" 'BEGIN { print a - b }') post=$(awk -v a="$t4" -v b="$t3" 'BEGIN { print a - b }')" > "$stepout/summary.txt"
    echo "VMLAB-STEP $n $name done t=$(now)"
    [ -e "$d/last" ] && break
    n=$((n + 1))
done
stop_agents
stage done
