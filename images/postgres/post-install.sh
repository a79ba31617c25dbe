#!/usr/bin/env bash
# Run by scripts/offline-images.sh on the host, with the image's rootfs as $1.
set -euo pipefail
root=$1
# As the official image: every new cluster listens on all interfaces.
chroot "$root" sed -ri "s!^#?(listen_addresses)\s*=\s*\S+.*!\1 = '*'!" /usr/share/postgresql/15/postgresql.conf.sample
chroot "$root" grep -qF "listen_addresses = '*'" /usr/share/postgresql/15/postgresql.conf.sample
chroot "$root" localedef -i en_US -c -f UTF-8 -A /usr/share/locale/locale.alias en_US.UTF-8
chroot "$root" install -d -o postgres -g postgres -m 3777 /run/postgresql
# Empty: Docker copies whatever an image has in a VOLUME into every new volume.
chroot "$root" install -d -o postgres -g postgres -m 1777 /var/lib/postgresql/data
chroot "$root" install -d /docker-entrypoint-initdb.d
