//! Builds the PostgreSQL and browser tests only when their prerequisites are named, so a
//! test run without them counts them as ignored, with the reason, and never as passed.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(livechat_postgres)");
    println!("cargo::rustc-check-cfg=cfg(livechat_browser)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=LIVECHAT_TEST_DATABASE_URL");
    println!("cargo::rerun-if-env-changed=LIVECHAT_BROWSER_TEST");
    if std::env::var_os("LIVECHAT_TEST_DATABASE_URL").is_some_and(|v| !v.is_empty()) {
        println!("cargo::rustc-cfg=livechat_postgres");
    }
    if std::env::var_os("LIVECHAT_BROWSER_TEST").is_some_and(|v| !v.is_empty() && v != "0") {
        println!("cargo::rustc-cfg=livechat_browser");
    }
}
