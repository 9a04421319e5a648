-- getRidInfo finds a kept call by the rid its answer carried. Calls kept before this column have
-- none and are not found by rid; they are the newest few hundred of each app, soon replaced.
ALTER TABLE request_log ADD COLUMN rid VARCHAR(40);
CREATE INDEX request_log_by_rid ON request_log (rid);
