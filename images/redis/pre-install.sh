#!/usr/bin/env bash
# Run by scripts/offline-images.sh on the host, with the image's rootfs as $1.
set -euo pipefail
# The official image's user, with its fixed ids, before Debian's package creates one of its own.
root=$1
chroot "$root" groupadd -r -g 999 redis
chroot "$root" useradd -r -g redis -u 999 redis
