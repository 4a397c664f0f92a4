//! One integration binary: the real server on 127.0.0.1:0 with a temporary SQLite database,
//! driven over HTTP and through the real `livechat` binary.

mod api;
mod browser;
mod cli;
mod live;
mod matrix;
mod openapi;
mod public;
pub mod scale;
mod support;
