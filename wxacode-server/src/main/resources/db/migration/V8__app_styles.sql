-- An app's look for its codes (docs/styles.md), as the admin API writes it (compact JSON); null for
-- the plain look.
ALTER TABLE apps ADD COLUMN style VARCHAR(1000);
