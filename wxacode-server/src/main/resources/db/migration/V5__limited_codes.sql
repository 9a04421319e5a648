-- Codes of wxacode.get and createQRCode, numbered per app: their links carry the number, since a
-- path with its query may be 1024 bytes. WeChat caps how many an app may have; one row is one code,
-- whatever width or colours it was drawn in.
CREATE TABLE limited_codes (
    appid       VARCHAR(18)   NOT NULL REFERENCES apps (appid),
    code_id     INTEGER       NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    env_version VARCHAR(16)   NOT NULL,
    page        VARCHAR(512)  NOT NULL,
    query       VARCHAR(1024) NOT NULL,
    created_at  BIGINT        NOT NULL,
    PRIMARY KEY (appid, code_id),
    CONSTRAINT limited_codes_unique UNIQUE (appid, kind, env_version, page, query)
);
