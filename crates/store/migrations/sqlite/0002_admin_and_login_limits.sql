-- Administrators (made by `caremap user add --admin`), and failed logins for the login rate
-- limit: kept in the database so that every app server sharing it counts the same attempts.

ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0;

CREATE TABLE login_failures (
    key    TEXT NOT NULL,
    at_us  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at_us);
