-- How a rebuild's tables replaced the live ones (docs/audit.md): SWAPPED (the rebuilt tables took the live ones'
-- place) or COPIED (their rows were copied into the live tables), and why it copied. Until now only the log said so.
ALTER TABLE audit_job ADD COLUMN switch_method VARCHAR(16), ADD COLUMN switch_reason TEXT;
