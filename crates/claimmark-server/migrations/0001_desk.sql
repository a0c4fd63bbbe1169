-- The desk server's tables. An article's `seq` counts its writes: each write
-- takes the article row's lock, so change numbers follow commit order and
-- the change feed (annotations with seq > cursor) never skips a write.

CREATE TABLE desks (
    id   bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100)
);

CREATE TABLE members (
    id           bigserial PRIMARY KEY,
    desk_id      bigint NOT NULL REFERENCES desks (id),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role         text NOT NULL CHECK (role IN ('editor', 'reader')),
    token_sha256 bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
    id         bigserial PRIMARY KEY,
    desk_id    bigint NOT NULL REFERENCES desks (id),
    doc_id     text NOT NULL UNIQUE CHECK (doc_id ~ '^[A-Za-z0-9._:-]{1,128}$'),
    public     boolean NOT NULL DEFAULT false,
    seq        bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per annotation: its current version, or its tombstone. The body
-- is JSON kept as text, not jsonb: jsonb cannot hold U+0000, and a note may.
CREATE TABLE annotations (
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    uuid       uuid NOT NULL,
    body       text,
    deleted    boolean NOT NULL DEFAULT false,
    seq        bigint NOT NULL,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, uuid),
    CHECK (deleted OR body IS NOT NULL)
);

CREATE INDEX annotations_by_change ON annotations (article_id, seq);
