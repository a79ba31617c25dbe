#!/bin/sh
# Stand-in for the official redis image's entrypoint, for Debian's redis-server.
set -e

# An option or a config file as first argument is meant for redis-server.
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

# Root: hand the data over to redis and run as redis.
if [ "$1" = 'redis-server' ] && [ "$(id -u)" = '0' ]; then
	find . \! -user redis -exec chown redis '{}' +
	exec gosu redis "$0" "$@"
fi

# Whether the arguments, or a config file among them, say anything about protected-mode.
protected_mode_set() {
	for arg; do
		case "$arg" in
			--protected-mode) return 0 ;;
			-*) ;;
			*.conf) [ -r "$arg" ] && grep -qiE '^[[:space:]]*protected-mode[[:space:]]' "$arg" && return 0 ;;
		esac
	done
	return 1
}

# The official image is compiled with protected mode off, so that a server without a password
# answers other containers; Debian's is not, so turn it off unless the user chose.
if [ "$1" = 'redis-server' ] && ! protected_mode_set "$@"; then
	set -- "$@" --protected-mode no
fi

um="$(umask)"
if [ "$um" = '0022' ]; then
	umask 0077
fi

exec "$@"
