-- The PostgreSQL roles of one department, run once by the DBA on that department's server (psql -v dept=population
-- -v owner_password=… -v runtime_password=… -f deploy/sql/runtime-roles.sql). The owner owns the database and
-- migrates it (the migration Job's DATABASE_OWNER_URL_<DEPT>); the runtime role is what the subgraph connects as
-- (DATABASE_URL_<DEPT>): it may log in and nothing more. The migration grants it SELECT, INSERT, UPDATE, DELETE on the
-- department's tables (INSERT and SELECT only on the append-only access log) and never CREATE, so at run time the
-- subgraph can change no schema and create no database.
\set owner gridhub_:dept _owner
\set runtime gridhub_:dept
\set database gridhub_:dept
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
CREATE ROLE :"runtime" LOGIN PASSWORD :'runtime_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
CREATE DATABASE :"database" OWNER :"owner";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
