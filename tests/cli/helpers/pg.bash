# A PostgreSQL server of its own for a bats file: initdb and pg_ctl in a
# temporary directory, as an unprivileged user, on a Unix socket only.
# Skips (in setup_file) when the postgresql package is not installed.

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

pg_start() {
	PGBIN=$(pg_bin)
	[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || skip "postgresql not installed (initdb, pg_ctl)"
	ldconfig -p 2>/dev/null | grep -q 'libpq\.so\.5' || skip "libpq5 not installed"
	command -v psql >/dev/null || skip "psql (postgresql-client) not installed"
	# a short path: a socket path has a 107-byte limit
	PGDIR=$(mktemp -d /tmp/heal-pg.XXXXXX)
	chmod 755 "$PGDIR"
	PGAS=""
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 || skip "no unprivileged 'postgres' user to run the server"
		chown postgres "$PGDIR"
		PGAS="runuser -u postgres --"
	fi
	$PGAS "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U heal --no-sync -E UTF8 >/dev/null
	pg_up
	export PGDIR PGBIN PGAS
	export STORE="host=$PGDIR user=heal dbname=postgres"
}

# (re)start the server made by pg_start: small, no fsync
pg_up() {
	(cd / && $PGAS "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
		-o "-k $PGDIR -c listen_addresses= -c fsync=off -c max_connections=40 -c shared_buffers=8MB" \
		start >/dev/null)
}

pg_down() { (cd / && $PGAS "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1) || true; }

pg_stop() {
	[ -n "${PGDIR:-}" ] || return 0
	pg_down
	rm -rf "$PGDIR"
}

# psql on the test database: one value per line, no headers
sql() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -A -t -h "$PGDIR" -U heal -d postgres -c "$1"; }
