//! One integration binary: the real server on 127.0.0.1:0 with a fresh database, driven over
//! HTTP and through the real `livechat` binary. The suites in `store_suites!` run once per
//! store (`sqlite::…` and `postgres::…`); the store contract runs against both in
//! `conformance`, and `replicas` runs several server processes on one PostgreSQL.

/// Declares the suites that run on every store, compiled once per store: `STORE` picks the
/// database that their `spawn_app` and `seeded_server` use.
macro_rules! store_suites {
    ($backend:ident) => {
        pub const STORE: crate::support::Backend = crate::support::Backend::$backend;

        /// The fixtures, on this module's store.
        pub mod support {
            pub use crate::support::*;
            use livechat::server::ServerConfig;

            pub fn spawn_app() -> Option<TestApp> {
                spawn_app_on(super::STORE, ServerConfig::default())
            }

            pub fn spawn_app_with(config: ServerConfig) -> Option<TestApp> {
                spawn_app_on(super::STORE, config)
            }

            pub fn seeded_server(dir: &std::path::Path, counts: &[(&str, u64)]) -> Option<FileServer> {
                FileServer::seeded(super::STORE, dir, counts)
            }

            /// A fresh, empty database of this module's store, for tests that start servers
            /// of their own.
            pub fn suite_db(dir: &std::path::Path) -> Option<TestDb> {
                TestDb::new(super::STORE, dir)
            }
        }

        #[path = "api.rs"]
        mod api;
        #[path = "audit.rs"]
        mod audit;
        #[path = "cli.rs"]
        mod cli;
        #[path = "feed.rs"]
        mod feed;
        #[path = "live.rs"]
        mod live;
        #[path = "matrix.rs"]
        mod matrix;
        #[path = "pages.rs"]
        mod pages;
        #[path = "public.rs"]
        mod public;
        #[path = "retention.rs"]
        mod retention;
        #[path = "routing.rs"]
        mod routing;
        #[path = "scale.rs"]
        mod scale;
        #[path = "team.rs"]
        mod team;
        #[path = "visitors.rs"]
        mod visitors;
        #[path = "webhooks.rs"]
        mod webhooks;
    };
}

#[cfg(livechat_browser)]
mod browser;
mod budgets;
mod conformance;
mod failures;
mod help;
mod hygiene;
#[cfg(livechat_postgres)]
mod migrate;
mod openapi;
#[cfg(livechat_postgres)]
mod postgres;
#[cfg(livechat_postgres)]
mod replicas;
pub mod servers;
mod skipped;
mod sqlite;
mod support;
mod terminal;
