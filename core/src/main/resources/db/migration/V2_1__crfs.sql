-- CRFs (installation-wide, as in LibreClinica) and their versions, built from CRF design
-- spreadsheets. Items and item groups belong to a CRF and are shared by name across its
-- versions; what may differ between versions (texts, layout, options, checks) lives in the
-- per-version tables. OIDs are unique per installation and never change once assigned.
-- Sequences step by 50 so that Hibernate can give out ids in blocks (800-item uploads).

CREATE SEQUENCE crf_seq INCREMENT BY 50;
CREATE SEQUENCE crf_version_seq INCREMENT BY 50;
CREATE SEQUENCE crf_section_seq INCREMENT BY 50;
CREATE SEQUENCE item_group_seq INCREMENT BY 50;
CREATE SEQUENCE item_group_metadata_seq INCREMENT BY 50;
CREATE SEQUENCE item_seq INCREMENT BY 50;
CREATE SEQUENCE response_set_seq INCREMENT BY 50;
CREATE SEQUENCE item_form_metadata_seq INCREMENT BY 50;

CREATE TABLE crf (
    id          BIGINT       PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    oid         VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(255) NOT NULL,
    opt_version BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT crf_oid_uq UNIQUE (oid)
);
-- One CRF per name, whatever the case: "Vitals" and "VITALS" are the same CRF.
CREATE UNIQUE INDEX crf_name_uq ON crf (lower(name));

CREATE TABLE crf_version (
    id             BIGINT        PRIMARY KEY,
    crf_id         BIGINT        NOT NULL REFERENCES crf (id),
    name           VARCHAR(255)  NOT NULL,
    oid            VARCHAR(64)   NOT NULL,
    description    TEXT,
    revision_notes TEXT,
    status         VARCHAR(20)   NOT NULL,
    status_reason  TEXT,
    status_changed_at TIMESTAMPTZ,
    status_changed_by VARCHAR(255),
    item_count     INT           NOT NULL,
    file_name      VARCHAR(255)  NOT NULL,
    file_sha256    VARCHAR(64)   NOT NULL,
    file_size      BIGINT        NOT NULL,
    uploaded_at    TIMESTAMPTZ   NOT NULL,
    uploaded_by    VARCHAR(255)  NOT NULL,
    opt_version    BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT crf_version_oid_uq UNIQUE (oid),
    CONSTRAINT crf_version_status_ck CHECK (status IN ('AVAILABLE', 'REMOVED'))
);
CREATE UNIQUE INDEX crf_version_name_uq ON crf_version (crf_id, lower(name));

-- The uploaded spreadsheet exactly as received, for download.
CREATE TABLE crf_version_file (
    crf_version_id BIGINT PRIMARY KEY REFERENCES crf_version (id),
    content        BYTEA  NOT NULL
);

CREATE TABLE crf_section (
    id             BIGINT        PRIMARY KEY,
    crf_version_id BIGINT        NOT NULL REFERENCES crf_version (id),
    ordinal        INT           NOT NULL,
    label          VARCHAR(255)  NOT NULL,
    title          TEXT          NOT NULL,
    subtitle       TEXT,
    instructions   TEXT,
    page_number    VARCHAR(5),
    parent_label   VARCHAR(255),
    borders        INT,
    CONSTRAINT crf_section_label_uq UNIQUE (crf_version_id, label)
);

CREATE TABLE item_group (
    id     BIGINT       PRIMARY KEY,
    crf_id BIGINT       NOT NULL REFERENCES crf (id),
    label  VARCHAR(255) NOT NULL,
    oid    VARCHAR(64)  NOT NULL,
    CONSTRAINT item_group_oid_uq UNIQUE (oid),
    CONSTRAINT item_group_label_uq UNIQUE (crf_id, label)
);

CREATE TABLE item_group_metadata (
    id             BIGINT      PRIMARY KEY,
    item_group_id  BIGINT      NOT NULL REFERENCES item_group (id),
    crf_version_id BIGINT      NOT NULL REFERENCES crf_version (id),
    ordinal        INT         NOT NULL,
    layout         VARCHAR(20) NOT NULL,
    header         TEXT,
    repeat_number  INT         NOT NULL,
    repeat_max     INT         NOT NULL,
    hidden         BOOLEAN     NOT NULL,
    implicit_group BOOLEAN     NOT NULL,
    CONSTRAINT item_group_metadata_uq UNIQUE (item_group_id, crf_version_id),
    CONSTRAINT item_group_metadata_layout_ck CHECK (layout IN ('NON_REPEATING', 'GRID')),
    CONSTRAINT item_group_metadata_repeat_ck CHECK (repeat_number >= 1 AND repeat_max >= 1)
);

CREATE TABLE item (
    id          BIGINT       PRIMARY KEY,
    crf_id      BIGINT       NOT NULL REFERENCES crf (id),
    name        VARCHAR(255) NOT NULL,
    oid         VARCHAR(64)  NOT NULL,
    description TEXT         NOT NULL,
    units       VARCHAR(64),
    data_type   VARCHAR(10)  NOT NULL,
    phi         BOOLEAN      NOT NULL,
    opt_version BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT item_oid_uq UNIQUE (oid),
    CONSTRAINT item_name_uq UNIQUE (crf_id, name),
    CONSTRAINT item_data_type_ck CHECK (data_type IN ('ST', 'INT', 'REAL', 'DATE', 'PDATE', 'FILE'))
);

CREATE TABLE response_set (
    id             BIGINT       PRIMARY KEY,
    crf_version_id BIGINT       NOT NULL REFERENCES crf_version (id),
    label          VARCHAR(80)  NOT NULL,
    CONSTRAINT response_set_label_uq UNIQUE (crf_version_id, label)
);

CREATE TABLE response_option (
    response_set_id BIGINT NOT NULL REFERENCES response_set (id),
    ordinal         INT    NOT NULL,
    text            TEXT   NOT NULL,
    value           TEXT   NOT NULL,
    PRIMARY KEY (response_set_id, ordinal)
);

CREATE TABLE item_form_metadata (
    id                     BIGINT       PRIMARY KEY,
    crf_version_id         BIGINT       NOT NULL REFERENCES crf_version (id),
    item_id                BIGINT       NOT NULL REFERENCES item (id),
    section_id             BIGINT       NOT NULL REFERENCES crf_section (id),
    item_group_metadata_id BIGINT       NOT NULL REFERENCES item_group_metadata (id),
    response_set_id        BIGINT       REFERENCES response_set (id),
    ordinal                INT          NOT NULL,
    response_type          VARCHAR(30)  NOT NULL,
    question_number        VARCHAR(20),
    header                 TEXT,
    subheader              TEXT,
    left_text              TEXT,
    right_text             TEXT,
    parent_item_id         BIGINT       REFERENCES item (id),
    column_number          INT,
    page_number            VARCHAR(5),
    response_layout        VARCHAR(20),
    default_value          TEXT,
    width_decimal          VARCHAR(40),
    width                  INT,
    decimals               INT,
    calculation            TEXT,
    validation_expression  TEXT,
    validation_message     TEXT,
    required               BOOLEAN      NOT NULL,
    hidden                 BOOLEAN      NOT NULL,
    scd_item_id            BIGINT       REFERENCES item (id),
    scd_option_value       TEXT,
    scd_message            TEXT,
    CONSTRAINT item_form_metadata_uq UNIQUE (crf_version_id, item_id)
);
CREATE INDEX item_form_metadata_item_ix ON item_form_metadata (item_id);
CREATE INDEX crf_section_version_ix ON crf_section (crf_version_id);
CREATE INDEX item_group_metadata_version_ix ON item_group_metadata (crf_version_id);
