-- "Sign in with ..." an OpenID Connect provider: which portal account a provider's subject signs in as. A link is
-- made only through an email the provider says it verified; afterwards the subject alone decides (a changed email
-- at the provider does not move the link). No email or name is kept here: the users row has them.
CREATE TABLE oidc_identities (
    id         uuid PRIMARY KEY,
    provider   text        NOT NULL,
    subject    text        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES users (id),
    linked_at  timestamptz NOT NULL,
    UNIQUE (provider, subject)
);
CREATE INDEX oidc_identities_user_idx ON oidc_identities (user_id);
