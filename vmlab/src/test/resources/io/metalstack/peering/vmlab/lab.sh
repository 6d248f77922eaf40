#!/bin/sh
# The fabric inside the guest, driven by the host's inputs in $1/in (written by LabInputs):
#   topology.batch              ip -batch in the root namespace: namespaces and veth links
#   ns/<leaf>.interfaces        the leaf's rendered /etc/network/interfaces, applied with ifupdown2's ifreload -a
#   ns/<ns>.ip                  per namespace: machine-port gateway addresses (leaves), host addresses and routes
#   leaves                      leaf names
#   phases, phase/<p>/          per phase the rendered <leaf>.frr.conf and the expected "leaf vrf prefix" lines
#   pings                       "from to address": one ping each, all in parallel
# Each leaf gets its own /etc/network and /etc/iproute2 (/etc/netns/<leaf>/, which ip netns exec binds over /etc) and
# its own ifupdown2 lock and state directories. The first phase starts FRR (one instance per leaf namespace); each
# later phase applies its configs with frr-reload.py. Per phase it waits until the VRF tables equal the expectation
# (or stop changing), then writes $1/out/<p>/result.json, the BGP tables of every VRF (bgp-<leaf>.json) and, when
# they differ, debug.txt.
set -u
in=$1/in
out=$1/out
mkdir -p "$out"
now() { cut -d' ' -f1 /proc/uptime; }
stage() { echo "VMLAB-STAGE $* t=$(now)"; }
fail() { echo "VMLAB-ERROR $*"; exit 1; }
leaves=$(cat "$in/leaves")

stage topology
ip -batch "$in/topology.batch" || fail "topology.batch"
for leaf in $leaves; do
    ip netns exec "$leaf" sh -c 'for k in ipv4/ip_forward ipv6/conf/all/forwarding ipv4/tcp_l3mdev_accept ipv4/udp_l3mdev_accept; do echo 1 > /proc/sys/net/$k; done' \
        || fail "sysctl in $leaf"
done

stage ifupdown2
mkdir -p /run/network /var/tmp/network
pids=""
for leaf in $leaves; do
    etc=/etc/netns/$leaf
    mkdir -p "$etc/network" "/var/lib/vmlab/$leaf/state"
    cp -a /etc/iproute2 "$etc/iproute2"
    cp -a /etc/network/ifupdown2 "$etc/network/ifupdown2"
    mkdir -p "$etc/network/ifupdown2/policy.d"
    # the vrf addon runs the lab's stand-in for Cumulus' vrf-helper for each VRF it creates (unreachable defaults)
    echo '{"vrf": {"module_globals": {"vrf-helper": "/lab/vrf-helper"}}}' > "$etc/network/ifupdown2/policy.d/vrf.json"
    # Cumulus Linux' policy: the default MTU is 9216 (Debian's ifupdown2 pins a bridge without an mtu line to 1500,
    # and the rendered SVIs' mtu 9000 could then not be set)
    echo '{"address": {"defaults": {"mtu": "9216"}}}' > "$etc/network/ifupdown2/policy.d/mtu.json"
    cp "$in/ns/$leaf.interfaces" "$etc/network/interfaces"
    # ip netns exec: a mount namespace of its own with the leaf's sysfs and /etc/netns/<leaf>/* bound over /etc; the
    # reload the agent runs, then ifupdown2's own check of the running state against the file
    ip netns exec "$leaf" sh -c 'mount -t tmpfs tmpfs /run/network && mount --bind "$1" /var/tmp/network || exit 1
        echo "ifreload t=$(cut -d" " -f1 /proc/uptime)"; ifreload -a || exit 2
        echo "ifquery-check t=$(cut -d" " -f1 /proc/uptime)"; ifquery -a -c > "$2" 2>&1 || exit 3
        echo "done t=$(cut -d" " -f1 /proc/uptime)"' \
        sh "/var/lib/vmlab/$leaf/state" "$out/ifquery-check-$leaf.txt" > "$out/ifupdown2-$leaf.log" 2>&1 &
    pids="$pids $!"
done
for pid in $pids; do
    wait "$pid" || fail "ifupdown2 failed (rc $?: 2 ifreload -a, 3 ifquery -c): see out/ifupdown2-*.log, out/ifquery-check-*.txt"
done
pids=""
# ifupdown2 skips an attribute no addon knows (and ifquery -c does not list it): every attribute of the file must be
# in the check, so a renderer change cannot slip past the lab unapplied. Excepted: mstpctl-* (no mstpd, see
# GuestImage) and lo's vxlan-local-tunnelip (the VXLAN addon's default VTEP address, checked on each vniN instead).
for leaf in $leaves; do
    awk 'FNR == 1 { f++ }
         /^iface / { i = $2; next }
         f == 1 && /^[ \t]+[a-z]/ && $1 !~ /^mstpctl-/ && (i " " $1) != "lo vxlan-local-tunnelip" { want[i " " $1] = 1 }
         f == 2 && /^\t/ { have[i " " $1] = 1 }
         END { for (k in want) if (!(k in have)) { print k; bad = 1 } exit bad }' \
        "/etc/netns/$leaf/network/interfaces" "$out/ifquery-check-$leaf.txt" > "$out/ifquery-missing-$leaf.txt" \
        || fail "$leaf: attributes ifupdown2 did not apply (not in ifquery -c): $(tr '\n' ',' < "$out/ifquery-missing-$leaf.txt")"
done
stage ifupdown2-done
# the kernel's VRF tables as ifupdown2 numbered them, "leaf table vrf"; ip -n reads the leaf's /etc/iproute2, where
# ifupdown2 named each table after its VRF, so a route shows "table vrfN": both forms are listed
for leaf in $leaves; do
    ip -n "$leaf" -d -o link show type vrf | awk -v leaf="$leaf" '
        { n = $2; sub(/:$/, "", n); for (i = 3; i < NF; i++) if ($i == "table") print leaf, $(i + 1), n }'
done > /tmp/vrf-table-ids
[ -s /tmp/vrf-table-ids ] || fail "ifupdown2 created no VRF device"
while read -r leaf table vrf; do
    if ! ip -n "$leaf" route show table "$table" | grep -q '^unreachable default'; then
        { cat /tmp/vrf-helper.log; cat /tmp/vrf-table-ids; ip -n "$leaf" route show table all; ip -n "$leaf" -6 route show table all; } > "$out/vrf-debug.txt" 2>&1
        fail "$leaf $vrf (table $table) has no unreachable default: did ifupdown2 run /lab/vrf-helper? see out/vrf-debug.txt"
    fi
done < /tmp/vrf-table-ids
awk '{ print; print $1, $3, $3 }' /tmp/vrf-table-ids > /tmp/vrf-tables
for f in "$in"/ns/*.ip; do
    ns=$(basename "$f" .ip)
    ip -n "$ns" -batch "$f" || fail "ip batch of $ns"
done

stage frr-start
first=$(head -n 1 "$in/phases")
for leaf in $leaves; do
    d=/etc/frr/$leaf
    mkdir -p "$d"
    sed -e 's/^bgpd=no/bgpd=yes/' /etc/frr/daemons > "$d/daemons"
    echo 'watchfrr_options="--netns"' >> "$d/daemons"
    cp /etc/frr/vtysh.conf "$d/vtysh.conf"
    cp "$in/phase/$first/$leaf.frr.conf" "$d/frr.conf"
    chown -R frr:frr "$d"
    /usr/lib/frr/frrinit.sh start "$leaf" > "$out/frrinit-$leaf.log" 2>&1 &
    pids="${pids:-} $!"
done
for pid in $pids; do wait "$pid" || fail "frrinit.sh start failed: see out/frrinit-*.log"; done
stage frr-ready

# "leaf vrf prefix" for every unicast IPv4 route in a tenant VRF table (not the management VRF), sorted
routes() {
    for leaf in $leaves; do
        ip -n "$leaf" -4 -o route show table all | awk -v leaf="$leaf" -v map=/tmp/vrf-tables '
            BEGIN { while ((getline l < map) > 0) { split(l, f, " "); vrf[f[1] " " f[2]] = f[3] } }
            $1 ~ /^(local|broadcast|unreachable|multicast|anycast|blackhole|prohibit|throw|nat|default)$/ { next }
            { t = ""; for (i = 2; i < NF; i++) if ($i == "table") t = $(i + 1)
              if ((leaf " " t) in vrf && vrf[leaf " " t] != "mgmt") { p = $1; if (p !~ /\//) p = p "/32"; print leaf, vrf[leaf " " t], p } }'
    done | sort
}

# waits until the tables equal the expectation, or contain it and have not changed for 10 s; at most 120 s
converge() {
    expected=$1
    start=$(now)
    last=""
    since=$start
    while :; do
        routes > /tmp/routes
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
        if awk -v a="$t" -v b="$start" 'BEGIN { exit !(a - b >= 120) }'; then
            echo false
            return
        fi
        sleep 1
    done
}

pings() {
    rm -rf /tmp/pings
    mkdir -p /tmp/pings
    # one ip netns exec per source (it is the expensive part under TCG), its pings in parallel
    for from in $(awk '{ print $1 }' "$in/pings" | uniq); do
        awk -v f="$from" '$1 == f' "$in/pings" > "/tmp/pings/$from.list"
        ip netns exec "$from" sh -c '
            while read -r from to addr; do
                (
                    if ping -n -q -c 1 -W 2 "$addr" > /dev/null 2>&1 || ping -n -q -c 1 -W 2 "$addr" > /dev/null 2>&1; then
                        r=true
                    else
                        r=false
                    fi
                    echo "$from $to $addr $r" > "/tmp/pings/$from-$to.res"
                ) &
            done < "$1"
            wait' sh "/tmp/pings/$from.list" &
    done
    wait
    cat /tmp/pings/*.res | sort
}

debug() {
    for leaf in $leaves; do
        echo "=== $leaf"
        vtysh -N "$leaf" -c 'show bgp vrf all summary' -c 'show evpn vni' -c 'show bgp l2vpn evpn route type prefix' \
            -c 'show ip route vrf all' 2>&1
        ip -n "$leaf" -d -br link
        ip -n "$leaf" -o link | awk '{ print $2, $4, $5 }'
        ip -n "$leaf" -4 route show table all
    done
}

n=0
for p in $(cat "$in/phases"); do
    n=$((n + 1))
    mkdir -p "$out/$p"
    if [ "$n" -gt 1 ]; then
        stage "reload $p"
        pids=""
        for leaf in $leaves; do
            cp "$in/phase/$p/$leaf.frr.conf" "/etc/frr/$leaf/frr.conf.new"
            python3 /usr/lib/frr/frr-reload.py --reload --stdout --pathspace "$leaf" "/etc/frr/$leaf/frr.conf.new" \
                > "$out/$p/reload-$leaf.log" 2>&1 &
            pids="$pids $!"
        done
        failed=""
        for pid in $pids; do wait "$pid" || failed=yes; done
        if [ -n "$failed" ]; then
            for leaf in $leaves; do
                vtysh -N "$leaf" -c 'show running-config no-header' > "$out/$p/running-$leaf.conf" 2>&1
                vtysh -N "$leaf" -m -f "$out/$p/running-$leaf.conf" > "$out/$p/running-$leaf.mark" 2>&1
                echo "rc $?" >> "$out/$p/running-$leaf.mark"
            done
            fail "frr-reload.py failed in phase $p: see out/$p/reload-*.log and running-*"
        fi
    fi
    t0=$(now)
    converged=$(converge "$in/phase/$p/expected")
    t1=$(now)
    stage "converged $p $converged"
    cp /tmp/routes "$out/$p/routes.txt"
    pings > "$out/$p/pings.txt"
    t2=$(now)
    stage "pinged $p"
    for leaf in $leaves; do
        vtysh -N "$leaf" -c 'show bgp vrf all ipv4 unicast json' > "$out/$p/bgp-$leaf.json" 2>&1
    done
    if [ "$converged" != true ]; then
        debug > "$out/$p/debug.txt" 2>&1
    fi
    awk -v phase="$p" -v conv="$converged" -v wait="$(awk -v a="$t1" -v b="$t0" 'BEGIN { print a - b }')" \
        -v ping="$(awk -v a="$t2" -v b="$t1" 'BEGIN { print a - b }')" '
        BEGIN { printf "{\"phase\":\"%s\",\"converged\":%s,\"convergeSeconds\":%s,\"pingSeconds\":%s,\"routes\":[", phase, conv, wait, ping }
        FILENAME ~ /routes.txt$/ { printf "%s{\"leaf\":\"%s\",\"vrf\":\"%s\",\"prefix\":\"%s\"}", (r++ ? "," : ""), $1, $2, $3 }
        FILENAME ~ /pings.txt$/ { if (!started++) printf "],\"pings\":["; printf "%s{\"from\":\"%s\",\"to\":\"%s\",\"address\":\"%s\",\"ok\":%s}", (q++ ? "," : ""), $1, $2, $3, $4 }
        END { if (!started) printf "],\"pings\":["; print "]}" }' "$out/$p/routes.txt" "$out/$p/pings.txt" > "$out/$p/result.json"
done
stage done
