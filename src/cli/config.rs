//! Profiles: which server to talk to and with which token. Kept in
//! `livechat/config.toml` (mode 0600) under the platform config directory, or under
//! `LIVECHAT_CONFIG_DIR` when that is set.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use serde::{Deserialize, Serialize};

use super::error::{CliError, Exit};

/// Where `server start-dev` listens, and so where the CLI looks when nothing else is said.
pub const DEFAULT_URL: &str = "http://127.0.0.1:7420";
pub const DEFAULT_PROFILE: &str = "default";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfigFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

pub fn config_dir() -> Result<PathBuf, CliError> {
    if let Some(dir) = std::env::var_os("LIVECHAT_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let base = etcetera::choose_base_strategy()
        .map_err(|e| CliError::new(Exit::Error, format!("cannot find your config directory: {e}")))?;
    Ok(base.config_dir().join("livechat"))
}

pub fn config_path() -> Result<PathBuf, CliError> {
    Ok(config_dir()?.join("config.toml"))
}

impl ConfigFile {
    pub fn load(path: &Path) -> Result<ConfigFile, CliError> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                CliError::new(Exit::Error, format!("{} is not a valid livechat config: {e}", path.display()))
                    .with_hint("fix the file by hand, or move it away and log in again")
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ConfigFile::default()),
            Err(e) => Err(CliError::new(Exit::Error, format!("cannot read {}: {e}", path.display()))),
        }
    }

    /// Writes the whole file under a temporary name and renames it, so a crash never leaves
    /// half a config; the file holds tokens, so only its owner may read it.
    pub fn save(&self, path: &Path) -> Result<(), CliError> {
        let fail = |e: std::io::Error| CliError::new(Exit::Error, format!("cannot write {}: {e}", path.display()));
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(fail)?;
        let text = toml::to_string_pretty(self).map_err(|e| CliError::new(Exit::Error, e.to_string()))?;
        let tmp = path.with_extension("toml.tmp");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp).map_err(fail)?;
        file.write_all(text.as_bytes()).and_then(|_| file.sync_all()).map_err(fail)?;
        std::fs::rename(&tmp, path).map_err(fail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_config_reads_back_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/config.toml");
        let mut config = ConfigFile { default_profile: Some("dev".into()), ..Default::default() };
        config.profiles.insert("dev".into(), Profile { url: DEFAULT_URL.into(), token: Some("lc_x".into()) });
        config.save(&path).unwrap();
        assert_eq!(ConfigFile::load(&path).unwrap(), config);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_missing_config_is_empty_and_a_broken_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(ConfigFile::load(&dir.path().join("none.toml")).unwrap(), ConfigFile::default());
        let broken = dir.path().join("broken.toml");
        std::fs::write(&broken, "profiles = 3").unwrap();
        let err = ConfigFile::load(&broken).unwrap_err();
        assert!(err.message.contains("is not a valid livechat config"), "{}", err.message);
    }
}
