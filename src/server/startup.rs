//! What a server process sets up before it serves: the descriptors its connections need.

/// Descriptors kept for everything but client connections: the database pool (a SQLite
/// connection holds three files), listeners, logs and the metrics listener.
const RESERVED_DESCRIPTORS: usize = 128;

/// Raises the soft open-files limit to the hard one, and returns `max_connections`, lowered
/// to what the limit leaves for connections (with a warning saying so). A server past its
/// limit cannot accept anything, health checks included, so the cap must sit under it.
pub fn fit_open_files(max_connections: usize) -> usize {
    let Some(limit) = raise_open_files_limit() else { return max_connections };
    let room = limit.saturating_sub(RESERVED_DESCRIPTORS).max(16);
    if max_connections <= room {
        return max_connections;
    }
    tracing::warn!(
        max_connections,
        lowered_to = room,
        open_files_limit = limit,
        "--max-connections is more than the open-files limit allows; serving fewer connections at once \
         (raise `ulimit -n` to serve more)"
    );
    room
}

/// The soft `RLIMIT_NOFILE` after raising it as far as the hard limit allows; `None` if it
/// cannot be read, or has no limit.
#[cfg(unix)]
fn raise_open_files_limit() -> Option<usize> {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit and setrlimit only read and write the struct we pass.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return None;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit { rlim_cur: limit.rlim_max, rlim_max: limit.rlim_max };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    (limit.rlim_cur != libc::RLIM_INFINITY).then(|| usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX))
}

#[cfg(not(unix))]
fn raise_open_files_limit() -> Option<usize> {
    None
}
