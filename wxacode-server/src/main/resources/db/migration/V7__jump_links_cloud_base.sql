-- A URL link's cloud_base as it was sent (compact JSON), told back by query_urllink; null for none.
ALTER TABLE jump_links ADD COLUMN cloud_base VARCHAR(4000);
