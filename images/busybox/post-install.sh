#!/usr/bin/env bash
# Run by scripts/offline-images.sh on the host, with the image's rootfs as $1.
set -euo pipefail
# Keeps only the static busybox, like the official image: every applet as a link in /bin, and
# the same few users and groups.
root=$1
case $root in /*/*) ;; *) echo "post-install: refusing to empty '$root'" >&2; exit 1 ;; esac
binary=$(mktemp)
cp "$root/usr/bin/busybox" "$binary"
find "$root" -mindepth 1 -maxdepth 1 -exec rm -rf --one-file-system {} +
mkdir -p "$root/bin" "$root/etc" "$root/root" "$root/home" "$root/var/spool/mail" "$root/var/www" "$root/tmp"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
install -m 755 "$binary" "$root/bin/busybox"
rm -f "$binary"
chroot "$root" /bin/busybox --install -s /bin
cat >"$root/etc/passwd" <<'USERS'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
USERS
cat >"$root/etc/group" <<'GROUPS'
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
GROUPS
cat >"$root/etc/shadow" <<'SHADOW'
root:*:10933:0:99999:7:::
daemon:*:10933:0:99999:7:::
bin:*:10933:0:99999:7:::
sys:*:10933:0:99999:7:::
sync:*:10933:0:99999:7:::
mail:*:10933:0:99999:7:::
www-data:*:10933:0:99999:7:::
operator:*:10933:0:99999:7:::
nobody:*:10933:0:99999:7:::
SHADOW
chmod 640 "$root/etc/shadow"
