//! livechat: the Live Chat API server and the admin CLI that drives it.

pub mod api;
pub mod cli;
pub mod client;
pub mod domain;
pub mod server;
pub mod store;
