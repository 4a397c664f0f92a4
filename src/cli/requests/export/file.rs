//! An export to a file: a part file that `--resume` continues, then the final file (converted
//! when asked) sealed by its manifest and renamed into place.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use sha2::{Digest, Sha256};

use super::stream::{Sink, Tally, download};
use super::{Filters, Format, Manifest, RequestsExportArgs, Selection, progress};
use crate::cli::Context;
use crate::cli::error::{CliError, Exit};
use crate::client::{Client, ExportQuery};

/// The export writes a new file, or replaces one an earlier export wrote (it has a manifest);
/// never anything else: not a link, a device, a directory, or a file of someone else's.
fn check_target(path: &Path, manifest: &Path) -> Result<(), CliError> {
    let Ok(meta) = fs::symlink_metadata(path) else { return Ok(()) };
    if !meta.is_file() {
        return Err(CliError::usage(format!(
            "{} exists and is not a regular file; the export will not replace it",
            path.display()
        ))
        .with_hint("give -o a new file name"));
    }
    if !manifest.exists() {
        return Err(CliError::usage(format!("{} already exists and is not an earlier export", path.display()))
            .with_hint("give -o a new file name, or move the file away first"));
    }
    Ok(())
}

/// A file the export cannot read or write: named, and a usage error (exit 2).
pub(super) fn file_error(path: &Path, err: anyhow::Error) -> CliError {
    let reason = err.downcast_ref::<io::Error>().map_or_else(|| err.to_string(), |e| e.to_string());
    CliError::usage(format!("cannot write {}: {reason}", path.display()))
        .with_hint("check that the folder exists and that you may write there")
}

/// Opens a file the export owns without following a link planted in its place: a new one
/// must not exist yet (`O_EXCL`), and an existing one must not be a link (`O_NOFOLLOW`), and
/// must be a regular file of this user's, as checked on what was opened (not a FIFO or a
/// device that a part file's name was given to).
fn open_own(path: &Path, new: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    if new {
        options.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW | libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    #[cfg(unix)]
    // SAFETY: geteuid has no preconditions and cannot fail.
    let yours = std::os::unix::fs::MetadataExt::uid(&meta) == unsafe { libc::geteuid() };
    #[cfg(not(unix))]
    let yours = true;
    if !meta.is_file() || !yours {
        return Err(io::Error::other("it is not a regular file of yours; move it away, or start the export again"));
    }
    Ok(file)
}

/// Creates a scratch file afresh: one left by an earlier crash is removed first (removing a
/// link removes the link, never what it points at), and a file that appears meanwhile makes
/// the creation fail rather than be written through.
pub(super) fn create_scratch(path: &Path) -> io::Result<File> {
    match fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
        _ => {}
    }
    open_own(path, true)
}

pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Reads an interrupted part file: drops a trailing partial record, and counts and hashes
/// what stays.
fn reopen_part(part: &Path, tally: &mut Tally, hasher: &mut Sha256) -> anyhow::Result<File> {
    let mut file = open_own(part, false)?;
    let mut kept: u64 = 0;
    let mut reader = BufReader::with_capacity(256 * 1024, &mut file);
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 || line.last() != Some(&b'\n') {
            break;
        }
        kept += n as u64;
        hasher.update(&line);
        tally.count(&line);
    }
    drop(reader);
    file.set_len(kept)?;
    file.seek(SeekFrom::End(0))?;
    Ok(file)
}

pub(super) async fn export_to_file(
    ctx: &Context,
    client: &Client,
    args: &RequestsExportArgs,
    selection: Selection,
    path: &Path,
) -> anyhow::Result<Exit> {
    let part = sibling(path, ".part");
    let part_meta = sibling(path, ".part.json");
    let manifest_path = sibling(path, ".manifest.json");
    check_target(path, &manifest_path)?;
    for own in [&part, &part_meta] {
        if fs::symlink_metadata(own).is_ok_and(|m| !m.is_file()) {
            return Err(CliError::usage(format!(
                "{} exists and is not a regular file; the export will not write there",
                own.display()
            ))
            .into());
        }
    }
    let mut tally = Tally::default();
    let mut hasher = Sha256::new();
    let (file, selection) = if args.resume {
        let meta = fs::read(&part_meta).map_err(|_| {
            CliError::usage(format!("there is no interrupted export of {} to resume", path.display()))
                .with_hint("run the export without --resume to start it")
        })?;
        let saved: Selection = serde_json::from_slice(&meta)?;
        let same = saved.asked == selection.asked
            && saved.search == selection.search
            && saved.label == selection.label
            && saved.format == selection.format;
        if !same {
            return Err(CliError::usage(
                "--resume continues an export exactly as it was started: repeat its --state, --since, --until, \
                 --search, --label and --format",
            )
            .into());
        }
        (reopen_part(&part, &mut tally, &mut hasher).map_err(|e| file_error(&part, e))?, saved)
    } else {
        if part.exists() {
            return Err(CliError::usage(format!(
                "an interrupted export of {} is in {}",
                path.display(),
                part.display()
            ))
            .with_hint("pass --resume to continue it, or delete it to start over")
            .into());
        }
        create_scratch(&part_meta)
            .and_then(|mut f| f.write_all(&serde_json::to_vec_pretty(&selection)?))
            .map_err(|e| file_error(&part_meta, e.into()))?;
        (open_own(&part, true).map_err(|e| file_error(&part, e.into()))?, selection)
    };
    let query = ExportQuery {
        state: selection.state.clone(),
        since: selection.since.clone(),
        until: selection.until.clone(),
        search: selection.search.clone(),
        label: selection.label.clone(),
        after_id: tally.last_id().unwrap_or(0),
    };
    let bar = progress(ctx);
    bar.set_position(tally.records);
    let mut sink = Sink::Raw(BufWriter::with_capacity(256 * 1024, file));
    let hashed = selection.format == Format::Jsonl && !selection.gzip;
    let result = download(
        client,
        query,
        &mut tally,
        &mut sink,
        |lines| {
            if hashed {
                hasher.update(lines)
            }
        },
        &bar,
    )
    .await;
    let file = sink.finish()?.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    if let Err(err) = result {
        bar.abandon();
        if !args.resume && tally.records == 0 {
            // Nothing arrived (a refusal, a foreign answer, no server): nothing to resume, so
            // nothing is left behind.
            let _ = fs::remove_file(&part);
            let _ = fs::remove_file(&part_meta);
            return Err(err);
        }
        return Err(err.context(format!(
            "the export stopped after {} requests; {} holds them. Run the same command with --resume to continue",
            tally.records,
            part.display()
        )));
    }
    bar.finish_and_clear();

    // The plain JSON Lines file is the part file itself; other formats are produced from it.
    let (data, sha256, bytes) = if hashed {
        (part.clone(), hex::encode(hasher.finalize()), file.metadata()?.len())
    } else {
        let tmp = sibling(path, ".tmp");
        let (sha, bytes) = convert(&part, &tmp, &selection).map_err(|e| file_error(&tmp, e))?;
        (tmp, sha, bytes)
    };
    let manifest = Manifest {
        file: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        format: selection.format,
        gzip: selection.gzip,
        records: tally.records,
        bytes,
        sha256,
        filters: Filters {
            state: selection.state,
            since: selection.since,
            until: selection.until,
            search: selection.search,
            label: selection.label,
        },
        first_id: tally.first_id,
        last_id: tally.last_id(),
        completed_at: Timestamp::now(),
    };
    // The manifest goes in first and the data last, so a file at the final name always has
    // a manifest that describes it.
    let manifest_tmp = sibling(path, ".manifest.json.tmp");
    create_scratch(&manifest_tmp)
        .and_then(|mut f| f.write_all(&serde_json::to_vec_pretty(&manifest)?))
        .map_err(|e| file_error(&manifest_tmp, e.into()))?;
    fs::rename(&manifest_tmp, &manifest_path).map_err(|e| file_error(&manifest_path, e.into()))?;
    fs::rename(&data, path).map_err(|e| file_error(path, e.into()))?;
    if data != part {
        fs::remove_file(&part)?;
    }
    fs::remove_file(&part_meta)?;
    ctx.ui.status(&format!(
        "✓ Exported {} to {} (sha256 {}); manifest in {}",
        crate::cli::output::count(manifest.records, "request"),
        path.display(),
        &manifest.sha256[..12],
        manifest_path.display()
    ));
    let whole_archive = manifest.filters.state == "closed"
        && manifest.filters.search.is_none()
        && manifest.filters.label.is_none()
        && manifest.records > 0;
    if whole_archive {
        tell_server(ctx, client, &manifest).await;
    }
    Ok(Exit::Success)
}

/// Tells the server what a finished export of closed requests holds, so a retention policy
/// that requires an export may delete them. The file is whole either way: a refusal is said,
/// not an error.
async fn tell_server(ctx: &Context, client: &Client, manifest: &Manifest) {
    let (Some(first_id), Some(last_id)) = (manifest.first_id, manifest.last_id) else { return };
    let moment = |text: &Option<String>| text.as_deref().and_then(|t| t.parse::<Timestamp>().ok());
    let body = crate::api::ReceiptBody {
        first_id,
        last_id,
        records: i64::try_from(manifest.records).unwrap_or(i64::MAX),
        sha256: manifest.sha256.clone(),
        since: moment(&manifest.filters.since),
        until: moment(&manifest.filters.until),
    };
    match client.take_receipt(&body).await {
        Ok(_) => {
            ctx.ui.status("✓ The server recorded this export: retention that requires one may delete what it holds.")
        }
        Err(crate::client::ClientError::Api { code: crate::api::ErrorCode::Forbidden, .. }) => {}
        Err(err) => ctx.ui.status(&format!(
            "The server did not record this export for retention, so a policy that requires one keeps these \
             requests: {}",
            crate::cli::sanitize::for_terminal(&err.to_string())
        )),
    }
}

/// Writes whatever the hash sees.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Produces the final file from the part file, CSV rows and/or gzip, hashed as written.
fn convert(part: &Path, out: &Path, selection: &Selection) -> anyhow::Result<(String, u64)> {
    let file = create_scratch(out)?;
    let hashing = Hashing { inner: BufWriter::with_capacity(256 * 1024, file), hasher: Sha256::new(), bytes: 0 };
    let hashing = if selection.gzip {
        let gz = flate2::write::GzEncoder::new(hashing, flate2::Compression::default());
        copy_lines(part, gz, selection.format)?.finish()?
    } else {
        copy_lines(part, hashing, selection.format)?
    };
    let Hashing { inner, hasher, bytes } = hashing;
    inner.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok((hex::encode(hasher.finalize()), bytes))
}

fn copy_lines<W: Write>(part: &Path, out: W, format: Format) -> anyhow::Result<W> {
    let mut reader = BufReader::with_capacity(256 * 1024, File::open(part)?);
    let mut sink = Sink::new(out, format);
    let mut header = false;
    let mut buf = vec![0u8; 256 * 1024];
    let mut carry = Vec::new();
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        match chunk.iter().rposition(|b| *b == b'\n') {
            Some(end) => {
                carry.extend_from_slice(&chunk[..=end]);
                sink.lines(&carry, &mut header)?;
                carry.clear();
                carry.extend_from_slice(&chunk[end + 1..]);
            }
            None => carry.extend_from_slice(chunk),
        }
    }
    Ok(sink.finish()?)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// What was opened is checked, not only what a look at the name found before: a FIFO
    /// swapped in for a part file is refused, not written to.
    #[test]
    fn only_a_regular_file_is_opened_as_the_exports_own() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("m.jsonl.part");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path, and mkfifo keeps no pointer to it.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        let refused = open_own(&fifo, false).unwrap_err();
        assert!(refused.to_string().contains("not a regular file of yours"), "{refused}");
        let plain = dir.path().join("m.csv.part");
        fs::write(&plain, "kept").unwrap();
        assert!(open_own(&plain, false).is_ok());
    }
}
