-- Issue 16: a watched folder takes each file once, also across restarts. A
-- file is known by its path, size and modification time, so a file saved
-- again under the same name is taken again.
CREATE TABLE watched_files (
    file_key TEXT PRIMARY KEY,
    job_id   TEXT NOT NULL,
    seen_at  TIMESTAMP NOT NULL
);
