//! The ids the store takes, one type each, so passing a member's id where a request's belongs
//! does not compile. The wire keeps plain numbers.

use std::fmt;

use super::sql::Value;

macro_rules! id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl From<$name> for Value {
            fn from(id: $name) -> Value {
                Value::Int(id.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// An organization: every other id lives inside one.
    OrgId
);
id!(
    /// A member of an organization.
    MemberId
);
id!(
    /// A bot of an organization.
    BotId
);
id!(
    /// A live chat request.
    RequestId
);
id!(
    /// A visitor of a bot.
    VisitorId
);

/// Requests, notes, messages and timeline events are numbered per organization: a row's id
/// is its organization in the high half and its number in the low half, so joins stay on
/// one column, an organization's rows sort by number, and the wire shows the number alone.
const NUMBER_BITS: u32 = 32;
pub const LAST_NUMBER: i64 = (1 << NUMBER_BITS) - 1;

/// The row id of an organization's `number`; 0 gives the place before its first row.
pub fn row_id(org: OrgId, number: i64) -> i64 {
    (org.0 << NUMBER_BITS) | (number & LAST_NUMBER)
}

/// The number a row id shows its organization.
pub fn number(row_id: i64) -> i64 {
    row_id & LAST_NUMBER
}

impl RequestId {
    /// Names no request: every organization's rows start at 2^32.
    pub const NONE: RequestId = RequestId(0);

    /// The request that an organization calls `#number`. A number it cannot have names no
    /// request, so it reads as not found like any other missing number.
    pub fn numbered(org: OrgId, number: i64) -> RequestId {
        if (1..=LAST_NUMBER).contains(&number) { RequestId(row_id(org, number)) } else { RequestId::NONE }
    }

    /// The organization whose range the row id falls in.
    pub fn org(self) -> OrgId {
        OrgId(self.0 >> NUMBER_BITS)
    }

    /// The place before `#number`, where a listing resumes after it.
    pub fn after(org: OrgId, number: i64) -> RequestId {
        RequestId(row_id(org, number.clamp(0, LAST_NUMBER)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_names_a_row_of_its_own_organization_only() {
        let (one, two) = (OrgId(1), OrgId(2));
        assert_ne!(RequestId::numbered(one, 7), RequestId::numbered(two, 7));
        assert_eq!(number(RequestId::numbered(two, 7).0), 7);
        // A number past the low half would reach into the next organization's rows.
        for beyond in [0, -1, LAST_NUMBER + 1, (1 << 33) + 7, i64::MAX] {
            assert_eq!(RequestId::numbered(one, beyond), RequestId::NONE, "{beyond}");
        }
        assert!(RequestId::after(one, i64::MAX).0 < row_id(two, 0));
        assert_eq!(RequestId::after(one, -5), RequestId(row_id(one, 0)));
    }
}
