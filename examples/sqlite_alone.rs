//! Runs SQL on a SQLite file with the same SQLite the server embeds (its search tables need
//! a newer one than most systems have), for `bench/run.py`'s "the database alone" baselines.
//!
//!     sqlite_alone DB_PATH < SCRIPT
//!
//! Every statement but the last runs as a batch; the last is a query whose rows are printed,
//! one per line, columns joined by `|`.

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: sqlite_alone DB_PATH < SCRIPT")?;
    let mut script = String::new();
    std::io::stdin().read_to_string(&mut script)?;
    let script = script.trim().trim_end_matches(';');
    let (batch, last) = script.rsplit_once(';').unwrap_or(("", script));
    let conn = rusqlite::Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.execute_batch(batch)?;
    let mut query = conn.prepare(last)?;
    let width = query.column_count();
    let mut rows = query.query([])?;
    while let Some(row) = rows.next()? {
        let cells: Vec<String> = (0..width)
            .map(|i| match row.get_ref(i) {
                Ok(value) => match value {
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    rusqlite::types::ValueRef::Real(x) => x.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    _ => String::new(),
                },
                Err(_) => String::new(),
            })
            .collect();
        println!("{}", cells.join("|"));
    }
    Ok(())
}
