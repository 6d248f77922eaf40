#!/bin/sh
# PID 1 of the vmlab guest: mounts what FRR and ip netns need, mounts the host's 9p share, runs the lab under a
# watchdog and powers off. The host reads the markers on the console and the results on the share.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
mkdir -p /run/netns /run/frr /var/log/frr
chown frr:frr /run/frr /var/log/frr
ip link set lo up
# vtysh shows the UTS hostname in the running config; an initramfs has "(none)", which vtysh cannot parse back
# (frr-reload.py reads the running config with vtysh -m)
hostname vmlab
echo "VMLAB-STAGE init t=$(cut -d' ' -f1 /proc/uptime)"
rc=99
if modprobe -a virtio_pci 9pnet_virtio 9p && mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 vmlab /mnt/host; then
    timeout 1500 sh /lab/lab.sh /mnt/host
    rc=$?
    echo "$rc" > /mnt/host/out/rc
else
    echo "VMLAB-ERROR cannot mount the 9p share"
fi
echo "VMLAB-RESULT rc=$rc t=$(cut -d' ' -f1 /proc/uptime)"
sync
echo o > /proc/sysrq-trigger
sleep 10
