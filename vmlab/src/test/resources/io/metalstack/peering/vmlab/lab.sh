#!/bin/sh
# The fabric inside the guest, driven by the host's inputs in $1/in (written by LabInputs):
#   topology.batch              ip -batch in the root namespace: namespaces and veth links
#   ns/<ns>.ip, ns/<leaf>.bridge per namespace: the translated interfaces file, machine ports, host addresses
#   leaves, vrf-tables          leaf names; "leaf table vrf" for reading the kernel tables
#   phases, phase/<p>/          per phase the rendered <leaf>.frr.conf and the expected "leaf vrf prefix" lines
#   pings                       "from to address": one ping each, all in parallel
# The first phase starts FRR (one instance per leaf namespace); each later phase applies its configs with
# frr-reload.py. Per phase it waits until the VRF tables equal the expectation (or stop changing), then writes
# $1/out/<p>/result.json, the BGP tables of every VRF (bgp-<leaf>.json) and, when they differ, debug.txt.
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
for f in "$in"/ns/*.ip; do
    ns=$(basename "$f" .ip)
    ip -n "$ns" -batch "$f" || fail "ip batch of $ns"
done
for f in "$in"/ns/*.bridge; do
    ns=$(basename "$f" .bridge)
    ip netns exec "$ns" bridge -batch "$f" || fail "bridge batch of $ns"
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

# "leaf vrf prefix" for every unicast IPv4 route in a VRF table, sorted
routes() {
    for leaf in $leaves; do
        ip -n "$leaf" -4 -o route show table all | awk -v leaf="$leaf" -v map="$in/vrf-tables" '
            BEGIN { while ((getline l < map) > 0) { split(l, f, " "); vrf[f[1] " " f[2]] = f[3] } }
            $1 ~ /^(local|broadcast|unreachable|multicast|anycast|blackhole|prohibit|throw|nat|default)$/ { next }
            { t = ""; for (i = 2; i < NF; i++) if ($i == "table") t = $(i + 1)
              if ((leaf " " t) in vrf) { p = $1; if (p !~ /\//) p = p "/32"; print leaf, vrf[leaf " " t], p } }'
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
