-- Issue 7: a loan officer's corrections, kept beside (never over) what was
-- extracted, and who marked a result reviewed.
CREATE TABLE corrections (
    id             INTEGER PRIMARY KEY,
    document_id    TEXT NOT NULL REFERENCES documents (document_id) ON DELETE CASCADE,
    field          TEXT NOT NULL,
    extracted_json TEXT NOT NULL,
    corrected_json TEXT NOT NULL,
    corrected_by   TEXT NOT NULL,
    corrected_at   TIMESTAMP NOT NULL
);
CREATE INDEX corrections_document ON corrections (document_id);
ALTER TABLE documents ADD COLUMN reviewed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN reviewed_at TIMESTAMP;
