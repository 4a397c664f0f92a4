//! The HTTP and CLI suites on the embedded SQLite store.
store_suites!(Sqlite);
