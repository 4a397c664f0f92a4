//! `--jq EXPR`: filters a command's JSON with the jaq implementation of jq, built in so no
//! external `jq` is needed. Strings print raw and everything else as compact JSON, as
//! `gh --jq` does.

use jaq_core::load::{Arena, File, Loader};

use super::sanitize::{for_terminal, json_text};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

use super::error::CliError;

/// A compiled filter; compiling first means a bad expression fails before any call is made.
pub struct JqFilter {
    filter: jaq_core::Filter<data::JustLut<Val>>,
}

impl JqFilter {
    pub fn compile(code: &str) -> Result<JqFilter, CliError> {
        let defs = jaq_core::defs().chain(jaq_std::defs()).chain(jaq_json::defs());
        let funs = jaq_core::funs().chain(jaq_std::funs()).chain(jaq_json::funs());
        let arena = Arena::default();
        let modules = Loader::new(defs).load(&arena, File { code, path: () }).map_err(|errors| {
            let detail = errors.iter().map(|(_, e)| describe_load_error(e)).collect::<Vec<_>>().join("; ");
            CliError::usage(format!("--jq `{code}` does not parse: {detail}"))
        })?;
        let filter = Compiler::default().with_funs(funs).compile(modules).map_err(|errors| {
            let detail = errors
                .iter()
                .flat_map(|(_, errs)| {
                    errs.iter().map(|(name, undefined)| format!("undefined {} `{name}`", undefined.as_str()))
                })
                .collect::<Vec<_>>()
                .join("; ");
            CliError::usage(format!("--jq `{code}` does not compile: {detail}"))
        })?;
        Ok(JqFilter { filter })
    }

    /// Runs the filter on one JSON document and returns its output lines.
    /// The filter's outputs, one to a line. Strings print raw, so on a `terminal` they are
    /// shown as `for_terminal` shows text; values print as JSON with sequences escaped.
    pub fn run(&self, json: &[u8], terminal: bool) -> Result<Vec<String>, CliError> {
        let input = jaq_json::read::parse_single(json)
            .map_err(|e| CliError::new(super::error::Exit::Error, format!("the JSON to filter is invalid: {e}")))?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        let mut lines = Vec::new();
        for value in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let value = value.map_err(|e| CliError::usage(format!("--jq failed: {e}")))?;
            lines.push(match &value {
                Val::TStr(s) if terminal => for_terminal(&String::from_utf8_lossy(s)).into_owned(),
                Val::TStr(s) => String::from_utf8_lossy(s).into_owned(),
                other => json_text(&other.to_string()).into_owned(),
            });
        }
        Ok(lines)
    }
}

/// Says what the parser expected and where, in the words jaq itself uses.
fn describe_load_error(error: &jaq_core::load::Error<&str>) -> String {
    use jaq_core::load::Error;
    let at = |rest: &str| if rest.is_empty() { "at the end".to_string() } else { format!("before `{rest}`") };
    match error {
        Error::Io(errs) => errs.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>().join("; "),
        Error::Lex(errs) => errs
            .iter()
            .map(|(expect, rest)| format!("expected {} {}", expect.as_str(), at(rest)))
            .collect::<Vec<_>>()
            .join("; "),
        Error::Parse(errs) => errs
            .iter()
            .map(|(expect, rest)| format!("expected {} {}", expect.as_str(), at(rest)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_print_strings_raw_and_values_as_json() {
        let f = JqFilter::compile(".[] | select(.state == \"new\") | .id").unwrap();
        let out =
            f.run(br#"[{"id":1,"state":"new"},{"id":2,"state":"closed"},{"id":3,"state":"new"}]"#, false).unwrap();
        assert_eq!(out, ["1", "3"]);
        let f = JqFilter::compile("map(.title) | first").unwrap();
        assert_eq!(f.run(br#"[{"title":"Ana"}]"#, false).unwrap(), ["Ana"]);
        let f = JqFilter::compile("{n: length}").unwrap();
        assert_eq!(f.run(b"[1,2]", false).unwrap(), [r#"{"n":2}"#]);
        // A raw string reaches a terminal shown, a pipe exact; JSON escapes its sequences.
        let hostile = br#"[{"title":"\u001b]0;pwned\u0007\u009b2J"}]"#;
        let f = JqFilter::compile(".[0].title").unwrap();
        assert_eq!(f.run(hostile, true).unwrap(), ["^[]0;pwned^G<U+009B>2J"]);
        assert_eq!(f.run(hostile, false).unwrap(), ["\u{1b}]0;pwned\u{7}\u{9b}2J"]);
        let f = JqFilter::compile(".[0]").unwrap();
        assert!(!f.run(hostile, false).unwrap()[0].contains(['\u{1b}', '\u{9b}']));
    }

    #[test]
    fn bad_expressions_are_usage_errors_with_the_parsers_message() {
        let err = JqFilter::compile(".[] | select(").err().unwrap();
        assert_eq!(err.exit, crate::cli::error::Exit::Usage);
        assert_eq!(err.message, "--jq `.[] | select(` does not parse: expected closing parenthesis at the end");
        let err = JqFilter::compile("nosuchfunction(1)").err().unwrap();
        assert!(err.message.contains("does not compile") && err.message.contains("nosuchfunction"), "{}", err.message);
        let err = JqFilter::compile(".a + 1").unwrap().run(br#"{"a":"x"}"#, false).unwrap_err();
        assert!(err.message.starts_with("--jq failed"), "{}", err.message);
    }
}
