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
        refuse_if_shared(path)?;
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
        let mut folder = std::fs::DirBuilder::new();
        folder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
        folder.create(dir).map_err(fail)?;
        let text = toml::to_string_pretty(self).map_err(|e| CliError::new(Exit::Error, e.to_string()))?;
        let tmp = path.with_extension("toml.tmp");
        // A leftover from a crash may have other permissions: the file is made anew, 0600.
        match std::fs::remove_file(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(fail(e)),
            _ => {}
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp).map_err(fail)?;
        file.write_all(text.as_bytes()).and_then(|_| file.sync_all()).map_err(fail)?;
        std::fs::rename(&tmp, path).map_err(fail)
    }
}

/// Refuses a config that other users can read, as ssh refuses such a key: it holds tokens.
fn refuse_if_shared(path: &Path) -> Result<(), CliError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            return Err(CliError::new(
                Exit::Error,
                format!(
                    "{} can be read by other users ({:o}), and it holds tokens; it was not used",
                    path.display(),
                    meta.permissions().mode() & 0o777
                ),
            )
            .with_hint(format!("make it yours alone with `chmod 600 {}`", path.display())));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_config_others_can_read_is_refused_with_the_fix() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let config = ConfigFile { default_profile: Some("dev".into()), ..Default::default() };
        config.save(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = ConfigFile::load(&path).unwrap_err();
        assert!(err.message.contains("can be read by other users (644)"), "{}", err.message);
        assert!(format!("{err:?}").contains(&format!("chmod 600 {}", path.display())), "{err:?}");
        // Saving again makes it private, whatever a stale scratch file said.
        std::fs::write(path.with_extension("toml.tmp"), "old").unwrap();
        config.save(&path).unwrap();
        assert_eq!(ConfigFile::load(&path).unwrap(), config);
    }

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
        #[cfg(unix)]
        std::fs::set_permissions(&broken, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
        let err = ConfigFile::load(&broken).unwrap_err();
        assert!(err.message.contains("is not a valid livechat config"), "{}", err.message);
    }
}
