# needs: psql
# a server of the test's own (186-detect-scripts-and-services: PGHOST, PGUSER, PGDATABASE)
psql -X -f schema.sql
