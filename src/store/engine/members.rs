//! Organizations, members, tokens and bots.

use crate::store::{MemberId, OrgId};
use jiff::Timestamp;

use super::rows::query_member;
use crate::api::{Me, Member, Organization};
use crate::domain::{Presence, Role};
use crate::store::sql::{Conn, Value, args};
use crate::store::{NewMember, StoreError, StoreResult};

pub fn set_bot_admins(conn: &mut impl Conn, member_id: MemberId, bots: &[i64]) -> StoreResult<()> {
    conn.execute("DELETE FROM bot_admins WHERE member_id = ?1", &args![member_id])?;
    for bot in bots {
        conn.execute("INSERT INTO bot_admins (member_id, bot_id) VALUES (?1, ?2)", &args![member_id, *bot])?;
    }
    Ok(())
}

pub fn insert_member(conn: &mut impl Conn, org_id: OrgId, m: &NewMember) -> StoreResult<Member> {
    let id = conn
        .query_one(
            "INSERT INTO members (org_id, email, name, role, presence, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             RETURNING id",
            &args![org_id, m.email.as_str(), m.name.as_str(), m.role.as_str(), m.presence.as_str(), Timestamp::now()],
        )
        .map_err(|e| match e {
            StoreError::Duplicate(_) => {
                StoreError::Duplicate(format!("a member with email {} already exists", m.email))
            }
            other => other,
        })?
        .i64(0)?;
    set_bot_admins(conn, MemberId(id), &m.bot_ids)?;
    query_member(conn, org_id, "m.id = ?2", Value::Int(id))?
        .ok_or_else(|| StoreError::Database("new member vanished".into()))
}

pub fn create_organization(conn: &mut impl Conn, name: &str, admin: &NewMember) -> StoreResult<Me> {
    conn.write(|c| {
        let org_id = c
            .query_one(
                "INSERT INTO organizations (name, created_at) VALUES (?1, ?2) RETURNING id",
                &args![name, Timestamp::now()],
            )?
            .i64(0)?;
        let member = insert_member(c, OrgId(org_id), admin)?;
        Ok(Me { member, organization: Organization { id: org_id, name: name.to_string() } })
    })
}

pub fn set_role(
    conn: &mut impl Conn,
    org_id: OrgId,
    member_id: MemberId,
    role: Role,
    bots: &[i64],
) -> StoreResult<Option<Member>> {
    conn.write(|c| {
        let n = c.execute(
            "UPDATE members SET role = ?1 WHERE id = ?2 AND org_id = ?3",
            &args![role.as_str(), member_id, org_id],
        )?;
        if n == 0 {
            return Ok(None);
        }
        set_bot_admins(c, member_id, bots)?;
        query_member(c, org_id, "m.id = ?2", member_id.into())
    })
}

pub fn set_presence(
    conn: &mut impl Conn,
    org_id: OrgId,
    member_id: MemberId,
    presence: Presence,
) -> StoreResult<Option<Member>> {
    conn.execute(
        "UPDATE members SET presence = ?1 WHERE id = ?2 AND org_id = ?3",
        &args![presence.as_str(), member_id, org_id],
    )?;
    query_member(conn, org_id, "m.id = ?2", member_id.into())
}
