# needs: sqlite3
rm -f app.db
sqlite3 app.db < schema.sql
sqlite3 app.db 'insert into t values(1); create unique index u on t(a); insert into t values(1);'
