#!/usr/bin/env bash
# Run by scripts/offline-images.sh on the host, with the image's rootfs as $1.
set -euo pipefail
root=$1
chroot "$root" install -d -o redis -g redis -m 755 /data
