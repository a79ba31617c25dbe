#!/usr/bin/env bash
# Run by scripts/offline-images.sh on the host, with the image's rootfs as $1.
set -euo pipefail
# The official image's user, with its fixed ids, before Debian's packages create one of their own.
root=$1
chroot "$root" groupadd -r -g 999 postgres
chroot "$root" useradd -r -g postgres -u 999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres
chroot "$root" install -d -o postgres -g postgres /var/lib/postgresql
# Debian's package would otherwise create a cluster under /var/lib/postgresql/15/main.
chroot "$root" apt-get install -y -q --no-install-recommends postgresql-common
chroot "$root" sed -ri 's/#(create_main_cluster) .*$/\1 = false/' /etc/postgresql-common/createcluster.conf
chroot "$root" grep -q '^create_main_cluster = false' /etc/postgresql-common/createcluster.conf
