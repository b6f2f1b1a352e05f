# needs: sqlfluff
sqlfluff lint --dialect ansi ok.sql
