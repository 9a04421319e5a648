-- wxacode schema, version 1. Portable between H2 (PostgreSQL mode) and PostgreSQL:
-- times are epoch milliseconds (BIGINT), binary values BYTEA, no vendor functions.

CREATE TABLE apps (
    appid                 VARCHAR(18)  PRIMARY KEY,
    name                  VARCHAR(128) NOT NULL,
    app_type              VARCHAR(32)  NOT NULL,
    secret_salt           BYTEA        NOT NULL,
    secret_hash           BYTEA        NOT NULL,
    secret_frozen         BOOLEAN      NOT NULL,
    disabled              BOOLEAN      NOT NULL,
    demo                  BOOLEAN      NOT NULL,
    brand_color           INTEGER,
    logo                  BYTEA,
    ip_whitelist          VARCHAR(4000) NOT NULL,
    rate_limit_per_minute INTEGER,
    created_at            BIGINT       NOT NULL,
    updated_at            BIGINT       NOT NULL
);

-- Every page an app has had a code for, numbered per app; links carry the number, not the path.
CREATE TABLE pages (
    appid   VARCHAR(18)  NOT NULL REFERENCES apps (appid),
    page_id INTEGER      NOT NULL,
    path    VARCHAR(512) NOT NULL,
    PRIMARY KEY (appid, page_id),
    CONSTRAINT pages_path_unique UNIQUE (appid, path)
);

-- The published build per env version; its pages in order, the first being the home page.
CREATE TABLE releases (
    appid        VARCHAR(18) NOT NULL REFERENCES apps (appid),
    env_version  VARCHAR(16) NOT NULL,
    published_at BIGINT      NOT NULL,
    PRIMARY KEY (appid, env_version)
);

CREATE TABLE release_pages (
    appid       VARCHAR(18) NOT NULL,
    env_version VARCHAR(16) NOT NULL,
    ordinal     INTEGER     NOT NULL,
    page_id     INTEGER     NOT NULL,
    PRIMARY KEY (appid, env_version, ordinal),
    FOREIGN KEY (appid, env_version) REFERENCES releases (appid, env_version),
    FOREIGN KEY (appid, page_id) REFERENCES pages (appid, page_id)
);

-- Access tokens by SHA-256; the token itself is never stored. dies_at is set when a newer
-- token supersedes this one (grace) or a force refresh kills it (at once).
CREATE TABLE access_tokens (
    token_hash BYTEA       PRIMARY KEY,
    appid      VARCHAR(18) NOT NULL REFERENCES apps (appid),
    kind       VARCHAR(8)  NOT NULL,
    issued_at  BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    dies_at    BIGINT
);
CREATE INDEX access_tokens_app ON access_tokens (appid, kind);

-- The current stable token of an app, as the inputs that re-derive it from the signing key.
CREATE TABLE stable_tokens (
    appid                   VARCHAR(18) PRIMARY KEY REFERENCES apps (appid),
    generation              INTEGER     NOT NULL,
    kid                     INTEGER     NOT NULL,
    issued_at               BIGINT      NOT NULL,
    expires_at              BIGINT      NOT NULL,
    last_force_refresh_at   BIGINT
);

-- Calls counted per app, quota and day (in the configured quota time zone).
CREATE TABLE quota_usage (
    appid VARCHAR(18) NOT NULL,
    quota VARCHAR(32) NOT NULL,
    quota_day INTEGER   NOT NULL,
    used  BIGINT      NOT NULL,
    PRIMARY KEY (appid, quota, quota_day)
);

-- Link signing keys, encrypted with the master key (AES-GCM); the newest active one signs.
CREATE TABLE signing_keys (
    kid        INTEGER PRIMARY KEY,
    wrapped    BYTEA   NOT NULL,
    created_at BIGINT  NOT NULL
);
