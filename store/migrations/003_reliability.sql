-- Issue 5: who runs a job (to tell a dead job from a running one), its
-- options (to resume it as it started), the job a retry came from, a
-- failure known when the document was registered, and duplicates.
ALTER TABLE processing_jobs ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE processing_jobs ADD COLUMN stop_on_failure INTEGER NOT NULL DEFAULT 0;
ALTER TABLE processing_jobs ADD COLUMN retry_of TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN duplicate_of_job TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN duplicate_of_document TEXT NOT NULL DEFAULT '';
CREATE INDEX processing_jobs_status ON processing_jobs (status);
