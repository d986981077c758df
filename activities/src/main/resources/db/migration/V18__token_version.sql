-- Every access token carries the version of its user's tokens (claim "tv"); logout and a role change count it up,
-- so access tokens issued before stop working at once instead of living out their 15 minutes.
ALTER TABLE users ADD COLUMN token_version bigint NOT NULL DEFAULT 0;
