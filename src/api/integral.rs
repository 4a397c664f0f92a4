//! Integers as JSON Schema defines them: `3` and `3.0` are the same integer. serde_json
//! reads `3.0` as a float, so the wire types' integer fields take it through here.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// An `i64` that also accepts a float with no fractional part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Integral(pub i64);

impl<'de> Deserialize<'de> for Integral {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IntegralVisitor)
    }
}

struct IntegralVisitor;

impl Visitor<'_> for IntegralVisitor {
    type Value = Integral;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Integral, E> {
        Ok(Integral(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Integral, E> {
        i64::try_from(v).map(Integral).map_err(|_| E::custom(format!("{v} is too large for an id or version")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Integral, E> {
        // 2^63 is the first float past i64::MAX; every float below it with no fraction fits.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        // -2^63 itself is refused: as a float it may have been -2^63 - 1, which does not fit.
        if v.fract() == 0.0 && v > -LIMIT && v < LIMIT {
            Ok(Integral(v as i64))
        } else {
            Err(E::invalid_type(de::Unexpected::Float(v), &self))
        }
    }
}

pub fn one<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    Integral::deserialize(deserializer).map(|Integral(v)| v)
}

pub fn option<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Option::<Integral>::deserialize(deserializer).map(|v| v.map(|Integral(v)| v))
}

pub fn many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<i64>, D::Error> {
    Vec::<Integral>::deserialize(deserializer).map(|v| v.into_iter().map(|Integral(v)| v).collect())
}

pub fn list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<i64>>, D::Error> {
    Option::<Vec<Integral>>::deserialize(deserializer).map(|v| v.map(|v| v.into_iter().map(|Integral(v)| v).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_floats_are_integers_and_others_are_not() {
        let read = |text: &str| serde_json::from_str::<Integral>(text).map(|Integral(v)| v);
        assert_eq!(read("3").unwrap(), 3);
        assert_eq!(read("3.0").unwrap(), 3);
        assert_eq!(read("-1e3").unwrap(), -1000);
        assert_eq!(read("-9223372036854775808").unwrap(), i64::MIN);
        assert!(read("3.5").is_err());
        assert!(read("9223372036854775808").is_err());
        assert!(read("1e19").is_err());
        assert!(read("-9223372036854775809").is_err(), "rounds to -2^63 as a float");
        assert!(read("\"3\"").is_err());
    }
}
