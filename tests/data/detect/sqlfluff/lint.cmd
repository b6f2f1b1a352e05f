# needs: sqlfluff
sqlfluff lint --dialect ansi report.sql bad.sql
