#!/usr/bin/env bash
# Stand-in for the official mariadb image's entrypoint, for Debian's mariadb-server.
# Honours, like it, each as MARIADB_* or MYSQL_* (MARIADB_* wins) and as *_FILE:
#   ROOT_PASSWORD, ALLOW_EMPTY_ROOT_PASSWORD (MYSQL_ALLOW_EMPTY_PASSWORD), RANDOM_ROOT_PASSWORD,
#   ROOT_HOST (default %), DATABASE, USER, PASSWORD, INITDB_SKIP_TZINFO
# and the *.sh, *.sql and *.sql.gz files in /docker-entrypoint-initdb.d. Runs the server as mysql.
#
# First start, as in the official image: mariadb-install-db, then a temporary server without
# networking sets the users up and runs the init files, is stopped, and the real server starts.
# So "ready for connections" appears twice on a first start, and a TCP connection succeeds only
# with the real server.
set -eo pipefail
shopt -s nullglob

note() { printf '%s [Note] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*"; }
warn() { printf '%s [Warn] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*" >&2; }
error() { printf '%s [ERROR] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*" >&2; exit 1; }

# file_env VAR [DEFAULT]: VAR from $VAR, or from the file named by $VAR_FILE.
file_env() {
	local var="$1" fileVar="${1}_FILE" def="${2:-}" val
	if [ "${!var:-}" ] && [ "${!fileVar:-}" ]; then
		error "Both $var and $fileVar are set (but are exclusive)"
	fi
	val="$def"
	if [ "${!var:-}" ]; then
		val="${!var}"
	elif [ "${!fileVar:-}" ]; then
		val="$(< "${!fileVar}")"
	fi
	export "$var"="$val"
	unset "$fileVar"
}

# mariadb_env NAME_AFTER_MARIADB_ NAME_AFTER_MYSQL_ [DEFAULT]
mariadb_env() {
	local mysql="MYSQL_$2"
	file_env "$mysql" "${3:-}"
	file_env "MARIADB_$1" "${!mysql}"
}

want_help() {
	local arg
	for arg; do
		case "$arg" in
			-'?'|--help|--print-defaults|-V|--version) return 0 ;;
		esac
	done
	return 1
}

# get_config NAME COMMAND...: the server's value of NAME, config files and arguments included.
get_config() {
	local conf="$1"; shift
	"$@" --verbose --help 2>/dev/null \
		| awk -v conf="$conf" '$1 == conf && /^[^ \t]/ { sub(/^[^ \t]+[ \t]+/, ""); print; exit }'
}

setup_env() {
	DATADIR="$(get_config datadir "$@")"
	SOCKET="$(get_config socket "$@")"
	mariadb_env ROOT_HOST ROOT_HOST '%'
	mariadb_env DATABASE DATABASE
	mariadb_env USER USER
	mariadb_env PASSWORD PASSWORD
	mariadb_env ROOT_PASSWORD ROOT_PASSWORD
	mariadb_env ALLOW_EMPTY_ROOT_PASSWORD ALLOW_EMPTY_PASSWORD
	mariadb_env RANDOM_ROOT_PASSWORD RANDOM_ROOT_PASSWORD
	mariadb_env INITDB_SKIP_TZINFO INITDB_SKIP_TZINFO
	DATABASE_ALREADY_EXISTS=
	if [ -d "$DATADIR/mysql" ]; then
		DATABASE_ALREADY_EXISTS=true
	fi
}

create_db_directories() {
	mkdir -p "$DATADIR"
	if [ "$(id -u)" = '0' ]; then
		find "$DATADIR" \! -user mysql -exec chown mysql:mysql '{}' +
		find "${SOCKET%/*}" -maxdepth 0 \! -user mysql -exec chown mysql:mysql '{}' \;
	fi
}

verify_minimum_env() {
	if [ -z "$MARIADB_ROOT_PASSWORD" ] && [ -z "$MARIADB_ALLOW_EMPTY_ROOT_PASSWORD" ] && [ -z "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
		error $'Database is uninitialized and password option is not specified\n\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD'
	fi
	if [ -n "$MARIADB_USER" ] && [ "$MARIADB_USER" = 'root' ]; then
		error $'MARIADB_USER="root", MARIADB_USER and MARIADB_PASSWORD are for configuring a regular user and cannot be used for the root user\n\tRemove MARIADB_USER="root" and use one of the following to control the root user password:\n\t- MARIADB_ROOT_PASSWORD\n\t- MARIADB_ALLOW_EMPTY_ROOT_PASSWORD\n\t- MARIADB_RANDOM_ROOT_PASSWORD'
	fi
	if [ -n "$MARIADB_USER" ] && [ -z "$MARIADB_PASSWORD" ]; then
		warn 'Provided MARIADB_USER but no MARIADB_PASSWORD; the user is created with an empty password'
	fi
}

init_database_dir() {
	note "Initializing database files"
	# "${@:2}": the server's own options (character sets, page size, ...) apply to the install too.
	mariadb-install-db --datadir="$DATADIR" --rpm --auth-root-authentication-method=normal \
		"${@:2}" --cross-bootstrap --skip-test-db --default-time-zone=SYSTEM --enforce-storage-engine= \
		--skip-log-bin --expire-logs-days=0 \
		--loose-innodb_buffer_pool_load_at_startup=0 --loose-innodb_buffer_pool_dump_at_shutdown=0
	note "Database files initialized"
}

# process_sql [client options...]: SQL from stdin, as root on the temporary server's socket.
process_sql() {
	MYSQL_PWD="${MARIADB_ROOT_PASSWORD_SET:-}" mariadb --protocol=socket -uroot -hlocalhost \
		--socket="$SOCKET" --binary-mode "$@"
}

temp_server_start() {
	"$@" --skip-networking --default-time-zone=SYSTEM --socket="$SOCKET" --wsrep_on=OFF \
		--expire-logs-days=0 --loose-innodb_buffer_pool_load_at_startup=0 &
	MARIADB_PID=$!
	note "Waiting for server startup"
	local i
	for i in {30..0}; do
		if process_sql --database=mysql -e 'SELECT 1' >/dev/null 2>&1; then
			break
		fi
		if ! kill -0 "$MARIADB_PID" 2>/dev/null; then
			error "Unable to start server."
		fi
		sleep 1
	done
	if [ "$i" = 0 ]; then
		error "Unable to start server."
	fi
	note "Temporary server started."
}

temp_server_stop() {
	note "Stopping temporary server"
	kill "$MARIADB_PID"
	wait "$MARIADB_PID"
	note "Temporary server stopped"
}

sql_escape_string_literal() {
	local newline=$'\n' escaped
	escaped=${1//\\/\\\\}
	escaped="${escaped//$newline/\\n}"
	echo "${escaped//\'/\\\'}"
}

setup_db() {
	if [ -z "$MARIADB_INITDB_SKIP_TZINFO" ] && [ -d /usr/share/zoneinfo ]; then
		# --skip-write-binlog: the temporary server has no binary log to write to anyway.
		mariadb-tzinfo-to-sql --skip-write-binlog /usr/share/zoneinfo 2>/dev/null | process_sql --database=mysql
	fi
	if [ -n "$MARIADB_RANDOM_ROOT_PASSWORD" ]; then
		MARIADB_ROOT_PASSWORD="$(head -c 18 /dev/urandom | base64)"
		export MARIADB_ROOT_PASSWORD
		note "GENERATED ROOT PASSWORD: $MARIADB_ROOT_PASSWORD"
	fi
	local rootPassword userPassword rootCreate='' createDatabase='' createUser='' userGrants=''
	rootPassword="$(sql_escape_string_literal "$MARIADB_ROOT_PASSWORD")"
	if [ -n "$MARIADB_ROOT_HOST" ] && [ "$MARIADB_ROOT_HOST" != 'localhost' ]; then
		rootCreate="CREATE USER 'root'@'${MARIADB_ROOT_HOST}' IDENTIFIED BY '${rootPassword}';
			GRANT ALL ON *.* TO 'root'@'${MARIADB_ROOT_HOST}' WITH GRANT OPTION;
			GRANT PROXY ON ''@'%' TO 'root'@'${MARIADB_ROOT_HOST}' WITH GRANT OPTION;"
	fi
	if [ -n "$MARIADB_DATABASE" ]; then
		note "Creating database ${MARIADB_DATABASE}"
		createDatabase="CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;"
	fi
	if [ -n "$MARIADB_USER" ]; then
		note "Creating user ${MARIADB_USER}"
		userPassword="$(sql_escape_string_literal "$MARIADB_PASSWORD")"
		createUser="CREATE USER '$MARIADB_USER'@'%' IDENTIFIED BY '$userPassword';"
		if [ -n "$MARIADB_DATABASE" ]; then
			note "Giving user ${MARIADB_USER} access to schema ${MARIADB_DATABASE}"
			userGrants="GRANT ALL ON \`${MARIADB_DATABASE//_/\\_}\`.* TO '$MARIADB_USER'@'%';"
		fi
	fi
	note "Securing system users (equivalent to running mysql_secure_installation)"
	process_sql --database=mysql <<-EOSQL
		SET @orig_sql_log_bin= @@SESSION.SQL_LOG_BIN;
		SET @@SESSION.SQL_LOG_BIN=0;
		SET @@SESSION.SQL_MODE=REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');
		DROP USER IF EXISTS root@'127.0.0.1', root@'::1';
		EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\'', @@hostname,'\'');
		SET PASSWORD FOR 'root'@'localhost'= PASSWORD('${rootPassword}');
		${rootCreate}
		${createDatabase}
		${createUser}
		${userGrants}
		SET @@SESSION.SQL_LOG_BIN=@orig_sql_log_bin;
	EOSQL
	MARIADB_ROOT_PASSWORD_SET="$MARIADB_ROOT_PASSWORD"
}

process_init_files() {
	local f
	echo
	for f; do
		case "$f" in
			*.sh)
				if [ -x "$f" ]; then
					note "$0: running $f"
					"$f"
				else
					note "$0: sourcing $f"
					# shellcheck disable=SC1090
					. "$f"
				fi
				;;
			*.sql) note "$0: running $f"; process_sql --database="$MARIADB_DATABASE" < "$f"; echo ;;
			*.sql.gz) note "$0: running $f"; gunzip -c "$f" | process_sql --database="$MARIADB_DATABASE"; echo ;;
			*) warn "$0: ignoring $f" ;;
		esac
	done
}

main() {
	if [ "${1:0:1}" = '-' ]; then
		set -- mariadbd "$@"
	fi
	if { [ "$1" = 'mariadbd' ] || [ "$1" = 'mysqld' ]; } && ! want_help "$@"; then
		note "Entrypoint script for MariaDB Server started."
		setup_env "$@"
		create_db_directories
		if [ "$(id -u)" = '0' ]; then
			note "Switching to dedicated user 'mysql'"
			exec gosu mysql "${BASH_SOURCE[0]}" "$@"
		fi
		if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
			verify_minimum_env
			# An init directory that cannot be read would otherwise fail halfway.
			ls /docker-entrypoint-initdb.d/ >/dev/null
			init_database_dir "$@"
			note "Starting temporary server"
			temp_server_start "$@"
			setup_db
			process_init_files /docker-entrypoint-initdb.d/*
			temp_server_stop
			echo
			note "MariaDB init process done. Ready for start up."
			echo
		fi
	fi
	exec "$@"
}

main "$@"
