-- URL Schemes and URL Links, numbered per app: their link carries the number. Each generation is a
-- new link with its own expiry, kept for queryscheme and query_urllink and for opening it.
CREATE TABLE jump_links (
    appid       VARCHAR(18)   NOT NULL REFERENCES apps (appid),
    link_id     INTEGER       NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    env_version VARCHAR(16)   NOT NULL,
    page        VARCHAR(512)  NOT NULL,
    query       VARCHAR(1024) NOT NULL,
    created_at  BIGINT        NOT NULL,
    expires_at  BIGINT        NOT NULL,
    PRIMARY KEY (appid, link_id)
);
