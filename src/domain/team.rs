//! The team's rules: an organization keeps an org admin, a removed member takes no work, and
//! an email has at most one pending invitation. Pure functions over what a transaction read
//! under its locks, so the store decides them where they cannot go stale.

use std::collections::HashMap;
use std::fmt;

use super::Role;

/// An email address, normalized once: trimmed, with ASCII letters lower-cased, so `Alice@X.org`
/// and `alice@x.org` are one member and one invitation. Non-ASCII letters are kept as written:
/// both databases and the migration agree on ASCII case alone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

/// Text that is not an email address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an email address")]
pub struct NotAnEmail(pub String);

impl Email {
    pub fn parse(text: &str) -> Result<Email, NotAnEmail> {
        let trimmed = text.trim();
        match crate::api::grammar::email(trimmed) {
            Some(valid) => Ok(Email(valid.to_ascii_lowercase())),
            None => Err(NotAnEmail(text.to_string())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the `@`, a name for someone who gave none.
    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or(&self.0)
    }
}

/// An address written in our own code (the demo's, the benchmark's), valid by construction.
pub fn known_email(text: &str) -> Email {
    Email::parse(text).unwrap_or_else(|e| panic!("a built-in address is invalid: {e}"))
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A member as the team rules see them, read under the transaction's locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Teammate {
    pub id: i64,
    pub role: Role,
    pub removed: bool,
}

impl Teammate {
    fn runs_the_organization(&self) -> bool {
        self.role == Role::OrgAdmin && !self.removed
    }
}

/// The members a transaction locked, by id.
#[derive(Debug, Clone, Default)]
pub struct Roster(HashMap<i64, Teammate>);

impl Roster {
    pub fn new(members: impl IntoIterator<Item = Teammate>) -> Roster {
        Roster(members.into_iter().map(|m| (m.id, m)).collect())
    }

    pub fn get(&self, id: i64) -> Option<&Teammate> {
        self.0.get(&id)
    }
}

/// Why a team change is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TeamRefusal {
    #[error("only org admins can do this, and you are no longer one")]
    NotOrgAdmin,
    #[error("the organization would be left without an org admin")]
    LastOrgAdmin,
    #[error("the member was removed from the organization")]
    Removed,
    #[error("the member still holds {0} open requests")]
    HoldsOpen(u64),
    #[error("the email is already member #{0}'s")]
    AlreadyMember(i64),
    #[error("the email already has pending invitation #{0}")]
    AlreadyInvited(i64),
}

fn administers(actor: &Teammate) -> Result<(), TeamRefusal> {
    if actor.runs_the_organization() { Ok(()) } else { Err(TeamRefusal::NotOrgAdmin) }
}

/// Whether `actor` may give `target` the role `to`, where `org_admins` is how many active org
/// admins the organization has now, `target` included.
pub fn change_role(actor: &Teammate, target: &Teammate, to: Role, org_admins: u64) -> Result<(), TeamRefusal> {
    administers(actor)?;
    if target.removed {
        return Err(TeamRefusal::Removed);
    }
    if target.runs_the_organization() && to != Role::OrgAdmin && org_admins <= 1 {
        return Err(TeamRefusal::LastOrgAdmin);
    }
    Ok(())
}

/// Whether `actor` may remove `target`, who holds `open` open requests.
pub fn remove(actor: &Teammate, target: &Teammate, org_admins: u64, open: u64) -> Result<(), TeamRefusal> {
    administers(actor)?;
    if target.runs_the_organization() && org_admins <= 1 {
        return Err(TeamRefusal::LastOrgAdmin);
    }
    if open > 0 {
        return Err(TeamRefusal::HoldsOpen(open));
    }
    Ok(())
}

/// Whether a request may be given to member `to`: only to an active member of the
/// organization (`None`: not one of its members at all).
pub fn take_work(to: Option<&Teammate>) -> Result<(), TeamRefusal> {
    match to {
        Some(member) if !member.removed => Ok(()),
        _ => Err(TeamRefusal::Removed),
    }
}

/// Whether an email may be invited, given the member who has it (id, and whether removed) and
/// its pending invitation, if any. A removed member may be invited back.
pub fn invite(member: Option<(i64, bool)>, pending: Option<i64>) -> Result<(), TeamRefusal> {
    if let Some((id, false)) = member {
        return Err(TeamRefusal::AlreadyMember(id));
    }
    match pending {
        Some(id) => Err(TeamRefusal::AlreadyInvited(id)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mate(id: i64, role: Role, removed: bool) -> Teammate {
        Teammate { id, role, removed }
    }

    #[test]
    fn emails_are_normalized_once() {
        let cases = [
            ("Alice@Example.ORG", Some("alice@example.org")),
            ("  bob@x.test \n", Some("bob@x.test")),
            // Non-ASCII capitals stay as written; the ASCII part is lower-cased.
            ("ÉLODIE@X.test", Some("Élodie@x.test")),
            ("no-at-sign", None),
            ("two@@x.test", None),
            ("a b@x.test", None),
            ("@x.test", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Email::parse(text).ok().as_ref().map(Email::as_str), expected, "{text:?}");
        }
        assert_eq!(Email::parse("Dana@acme.test").unwrap().local_part(), "dana");
    }

    #[test]
    fn an_organization_keeps_an_org_admin() {
        let admin = mate(1, Role::OrgAdmin, false);
        let other = mate(2, Role::OrgAdmin, false);
        let agent = mate(3, Role::Agent, false);
        let cases = [
            // actor, target, new role, org admins now, answer
            (admin, other, Role::Agent, 2, Ok(())),
            (admin, admin, Role::Agent, 2, Ok(())),
            (admin, admin, Role::Agent, 1, Err(TeamRefusal::LastOrgAdmin)),
            (admin, admin, Role::OrgAdmin, 1, Ok(())),
            (admin, agent, Role::BotAdmin, 1, Ok(())),
            (agent, admin, Role::Agent, 2, Err(TeamRefusal::NotOrgAdmin)),
            // Demoted a moment ago by the other admin: no longer allowed to change roles.
            (mate(2, Role::Agent, false), admin, Role::Agent, 1, Err(TeamRefusal::NotOrgAdmin)),
            (admin, mate(4, Role::Agent, true), Role::BotAdmin, 1, Err(TeamRefusal::Removed)),
        ];
        for (actor, target, to, admins, answer) in cases {
            assert_eq!(change_role(&actor, &target, to, admins), answer, "{actor:?} {target:?} → {to}");
        }
    }

    #[test]
    fn removal_keeps_an_org_admin_and_leaves_no_open_request_behind() {
        let admin = mate(1, Role::OrgAdmin, false);
        let other = mate(2, Role::OrgAdmin, false);
        let agent = mate(3, Role::Agent, false);
        assert_eq!(remove(&admin, &other, 2, 0), Ok(()));
        assert_eq!(remove(&admin, &other, 1, 0), Err(TeamRefusal::LastOrgAdmin));
        assert_eq!(remove(&admin, &agent, 1, 2), Err(TeamRefusal::HoldsOpen(2)));
        assert_eq!(remove(&admin, &agent, 1, 0), Ok(()));
        assert_eq!(remove(&mate(1, Role::OrgAdmin, true), &agent, 1, 0), Err(TeamRefusal::NotOrgAdmin));
        assert_eq!(remove(&agent, &admin, 2, 0), Err(TeamRefusal::NotOrgAdmin));
    }

    #[test]
    fn only_active_members_take_work() {
        assert_eq!(take_work(Some(&mate(3, Role::Agent, false))), Ok(()));
        assert_eq!(take_work(Some(&mate(3, Role::Agent, true))), Err(TeamRefusal::Removed));
        assert_eq!(take_work(None), Err(TeamRefusal::Removed));
    }

    #[test]
    fn an_email_has_one_pending_invitation() {
        assert_eq!(invite(None, None), Ok(()));
        assert_eq!(invite(Some((7, true)), None), Ok(()), "a removed member may be invited back");
        assert_eq!(invite(Some((7, false)), None), Err(TeamRefusal::AlreadyMember(7)));
        assert_eq!(invite(None, Some(9)), Err(TeamRefusal::AlreadyInvited(9)));
        assert_eq!(invite(Some((7, true)), Some(9)), Err(TeamRefusal::AlreadyInvited(9)));
    }
}
