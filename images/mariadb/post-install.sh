#!/usr/bin/env bash
# Run by scripts/offline-images.sh on the host, with the image's rootfs as $1.
set -euo pipefail
root=$1
# Debian's package initialises a data directory at install time; the entrypoint does it on first
# start instead, and Docker would copy anything left here into every new volume.
chroot "$root" rm -rf /var/lib/mysql
chroot "$root" install -d -o mysql -g mysql -m 755 /var/lib/mysql
# Socket and pid file: writable whatever uid the server ends up with, as in the official image.
chroot "$root" install -d -o mysql -g mysql -m 1777 /run/mysqld
# Listen on all interfaces, and never wait on reverse DNS for a client's address.
chroot "$root" sed -ri 's/^(bind-address\s*=).*/\1 0.0.0.0/' /etc/mysql/mariadb.conf.d/50-server.cnf
chroot "$root" grep -qE '^bind-address\s*= 0\.0\.0\.0$' /etc/mysql/mariadb.conf.d/50-server.cnf
# Without a binary log it only earns a warning at every start.
chroot "$root" sed -ri 's/^(expire_logs_days\s*=)/#\1/' /etc/mysql/mariadb.conf.d/50-server.cnf
printf '[mariadb]\nhost-cache-size=0\nskip-name-resolve\n' >"$root/etc/mysql/conf.d/docker.cnf"
chroot "$root" install -d /docker-entrypoint-initdb.d
