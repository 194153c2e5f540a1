//! The one error type of the store.

/// What went wrong in the store, in terms a server can map to a status code and a message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The map, item, user, session or snapshot does not exist.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for, e.g. "element 'e12' in map 3".
        what: String,
    },
    /// The item changed since the caller read it (optimistic concurrency). `current_version` is
    /// the version now stored, 0 when the item no longer exists.
    #[error("changed by someone else since it was read: now at version {current_version}")]
    Conflict {
        /// The version now stored (0: the item is gone).
        current_version: i64,
    },
    /// A value that must be unique is taken (an email, an element id, a snapshot name...).
    #[error("{field} is already taken")]
    Duplicate {
        /// The field, in words: "email", "element id", "snapshot name", ...
        field: String,
    },
    /// The request cannot be carried out as asked; the message says why.
    #[error("{0}")]
    Invalid(String),
    /// The database failed (connection, migration, I/O). Log it; do not show it to users.
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                // PostgreSQL names the constraint; SQLite names table.column in the message.
                let text = db
                    .constraint()
                    .map(str::to_string)
                    .unwrap_or_else(|| db.message().to_string());
                return StoreError::Duplicate {
                    field: unique_field(&text).to_string(),
                };
            }
            if db.is_foreign_key_violation() {
                return StoreError::Invalid(
                    "a connection must join two elements of the same map".to_string(),
                );
            }
        }
        StoreError::Database(e)
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Database(sqlx::Error::Migrate(Box::new(e)))
    }
}

/// The field a uniqueness violation is about, from a constraint name or an error message.
fn unique_field(text: &str) -> &'static str {
    const FIELDS: [(&str, &str); 9] = [
        ("users", "email"),
        ("public_slug", "public link name"),
        ("snapshots", "snapshot name"),
        ("elements", "element id"),
        ("connections", "connection id"),
        ("api_tokens.token_hash", "token"),
        ("api_tokens_token_hash", "token"),
        ("api_tokens", "token name"),
        ("sessions", "session"),
    ];
    FIELDS
        .iter()
        .find(|(needle, _)| text.contains(needle))
        .map(|(_, field)| *field)
        .unwrap_or("value")
}

#[cfg(test)]
mod tests {
    use super::unique_field;

    #[test]
    fn both_backends_name_the_same_field() {
        assert_eq!(
            unique_field("UNIQUE constraint failed: users.email"),
            "email"
        );
        assert_eq!(unique_field("users_email_key"), "email");
        assert_eq!(unique_field("snapshots_map_id_name_key"), "snapshot name");
        assert_eq!(
            unique_field("UNIQUE constraint failed: elements.map_id, elements.item_id"),
            "element id"
        );
        assert_eq!(unique_field("api_tokens_user_id_name_key"), "token name");
        assert_eq!(unique_field("maps_public_slug_key"), "public link name");
    }
}
