-- Jobs keep the seed's processing_jobs columns; counts are kept current as
-- each document's result is committed.
CREATE TABLE processing_jobs (
    job_id               TEXT PRIMARY KEY,
    status               TEXT NOT NULL DEFAULT 'queued',
    total_documents      INTEGER NOT NULL,
    processed_documents  INTEGER NOT NULL DEFAULT 0,
    failed_documents     INTEGER NOT NULL DEFAULT 0,
    successful_documents INTEGER NOT NULL DEFAULT 0,
    skipped_documents    INTEGER NOT NULL DEFAULT 0,
    created_at           TIMESTAMP NOT NULL,
    started_at           TIMESTAMP,
    completed_at         TIMESTAMP
);
CREATE INDEX processing_jobs_created ON processing_jobs (created_at);

-- One row per document of a job, in processing order.
CREATE TABLE documents (
    document_id     TEXT PRIMARY KEY,
    job_id          TEXT NOT NULL REFERENCES processing_jobs (job_id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL DEFAULT '',
    size_bytes      INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'queued',
    pages           INTEGER NOT NULL DEFAULT 0,
    text_source     TEXT NOT NULL DEFAULT '',
    document_type   TEXT NOT NULL DEFAULT '',
    loan_id         TEXT NOT NULL DEFAULT '',
    fields_json     TEXT NOT NULL DEFAULT '{}',
    error_type      TEXT NOT NULL DEFAULT '',
    error_message   TEXT NOT NULL DEFAULT '',
    processing_time REAL NOT NULL DEFAULT 0,
    processed_at    TIMESTAMP,
    UNIQUE (job_id, position)
);
CREATE INDEX documents_sha256 ON documents (sha256);

-- The text read from each page, for review and for re-extraction.
CREATE TABLE document_pages (
    document_id TEXT NOT NULL REFERENCES documents (document_id) ON DELETE CASCADE,
    page        INTEGER NOT NULL,
    source      TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (document_id, page)
);
