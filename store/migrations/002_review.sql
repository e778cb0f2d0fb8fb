-- Issue 4: each field's confidence and page, and whether a person should
-- check the result, and why.
ALTER TABLE documents ADD COLUMN field_meta_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE documents ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN review_reasons_json TEXT NOT NULL DEFAULT '[]';
