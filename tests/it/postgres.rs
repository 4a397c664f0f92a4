//! The HTTP and CLI suites on PostgreSQL (`LIVECHAT_TEST_DATABASE_URL`), a schema per test.
store_suites!(Postgres);
