-- Fault rules a test asked to keep over a restart (POST /admin/apps/{appid}/faults with
-- "persist": true), each as the JSON the admin API shows, with the calls it has left.
CREATE TABLE fault_rules (
    appid VARCHAR(18) NOT NULL REFERENCES apps (appid),
    id    VARCHAR(16) NOT NULL,
    rule  TEXT        NOT NULL,
    PRIMARY KEY (appid, id)
);
