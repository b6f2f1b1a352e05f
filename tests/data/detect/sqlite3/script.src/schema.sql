create table t(a int);
insert into t values(1);
selec * from t;
insert into nosuch values(1);
create table t(b);
select * from t where;
