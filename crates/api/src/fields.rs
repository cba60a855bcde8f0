//! The free-text fields of a pattern, checked once and then typed: a [`Title`], [`Description`],
//! [`AuthorName`] or [`Tags`] can only be made by `parse`, so nothing stores an unchecked one.
//!
//! The rules: surrounding whitespace is trimmed; lengths are those of [`crate::limits`]; no
//! control characters (descriptions may hold newlines and tabs) and none of the hidden format
//! characters of [`stitchfork_model::text`] (bidi controls and the like), so text displays as
//! what it is. Tags are letters, digits, spaces or dashes, stored lowercase.
//!
//! The same rules are stated as regular expressions for the contract (`*_pattern`), so the
//! document accepts exactly what `parse` accepts.

use stitchfork_model::{text, Lang};

use crate::error::FieldProblem;
use crate::limits::{ANONYMOUS, AUTHOR_MAX, DESCRIPTION_MAX, TAGS_MAX, TAG_MAX, TITLE_MAX};

/// A trimmed title of 1..=[`TITLE_MAX`] characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title(String);

/// A trimmed description of at most [`DESCRIPTION_MAX`] characters (may be empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description(String);

/// A trimmed author name of at most [`AUTHOR_MAX`] characters; [`ANONYMOUS`] when empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorName(String);

/// At most [`TAGS_MAX`] distinct lowercase tags of 1..=[`TAG_MAX`] letters, digits, spaces or
/// dashes.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Tags(Vec<String>);

/// The sentence for `lang` with `{}` replaced by `n`: problems are said in the request's language,
/// like the domain's own validation messages.
fn say(lang: Lang, [en, sv, ru]: [&str; 3], n: usize) -> String {
    match lang {
        Lang::En => en,
        Lang::Sv => sv,
        Lang::Ru => ru,
    }
    .replace("{}", &n.to_string())
}

/// A field's name as the sentences below use it: [English, Swedish (definite), Russian].
type Name = [&'static str; 3];
const TITLE: Name = ["title", "Titeln", "Название"];
const DESCRIPTION: Name = ["description", "Beskrivningen", "Описание"];
const AUTHOR: Name = ["author name", "Namnet", "Имя автора"];

fn too_long(path: &str, [en, sv, ru]: Name, max: usize, lang: Lang) -> FieldProblem {
    let (en, sv, ru) = (
        format!("The {en} can be at most {{}} characters."),
        format!("{sv} får vara högst {{}} tecken."),
        format!("{ru} — не длиннее {{}} символов."),
    );
    FieldProblem::new(path, "too_long", say(lang, [&en, &sv, &ru], max))
}

fn hidden_chars(path: &str, [en, sv, ru]: Name, lang: Lang) -> FieldProblem {
    let (en, sv, ru) = (
        format!("The {en} contains control or invisible formatting characters."),
        format!("{sv} innehåller styrtecken eller osynliga formateringstecken."),
        format!("{ru}: есть управляющие или невидимые символы форматирования."),
    );
    FieldProblem::new(path, "invalid_characters", say(lang, [&en, &sv, &ru], 0))
}

impl Title {
    pub fn parse(raw: &str) -> Result<Title, FieldProblem> {
        Title::parse_in(raw, Lang::En)
    }

    /// `parse`, with the problem said in `lang`.
    pub fn parse_in(raw: &str, lang: Lang) -> Result<Title, FieldProblem> {
        let t = raw.trim();
        let n = t.chars().count();
        if n == 0 {
            Err(FieldProblem::new(
                "title",
                "required",
                say(
                    lang,
                    ["A title is required.", "En titel krävs.", "Нужно название."],
                    0,
                ),
            ))
        } else if n > TITLE_MAX {
            Err(too_long("title", TITLE, TITLE_MAX, lang))
        } else if text::has_forbidden_char(t, false) {
            Err(hidden_chars("title", TITLE, lang))
        } else {
            Ok(Title(t.to_string()))
        }
    }
}

impl Description {
    pub fn parse(raw: &str) -> Result<Description, FieldProblem> {
        Description::parse_in(raw, Lang::En)
    }

    /// `parse`, with the problem said in `lang`.
    pub fn parse_in(raw: &str, lang: Lang) -> Result<Description, FieldProblem> {
        let d = raw.trim();
        if d.chars().count() > DESCRIPTION_MAX {
            Err(too_long("description", DESCRIPTION, DESCRIPTION_MAX, lang))
        } else if text::has_forbidden_char(d, true) {
            Err(hidden_chars("description", DESCRIPTION, lang))
        } else {
            Ok(Description(d.to_string()))
        }
    }
}

impl AuthorName {
    pub fn parse(raw: &str) -> Result<AuthorName, FieldProblem> {
        AuthorName::parse_in(raw, Lang::En)
    }

    /// `parse`, with the problem said in `lang`.
    pub fn parse_in(raw: &str, lang: Lang) -> Result<AuthorName, FieldProblem> {
        let a = raw.trim();
        if a.chars().count() > AUTHOR_MAX {
            Err(too_long("author_name", AUTHOR, AUTHOR_MAX, lang))
        } else if text::has_forbidden_char(a, false) {
            Err(hidden_chars("author_name", AUTHOR, lang))
        } else if a.is_empty() {
            Ok(AuthorName(ANONYMOUS.to_string()))
        } else {
            Ok(AuthorName(a.to_string()))
        }
    }
}

impl Tags {
    /// Every problem at once (one per bad tag, at `tags[i]`).
    pub fn parse(raw: &[String]) -> Result<Tags, Vec<FieldProblem>> {
        Tags::parse_in(raw, Lang::En)
    }

    /// `parse`, with the problems said in `lang`.
    pub fn parse_in(raw: &[String], lang: Lang) -> Result<Tags, Vec<FieldProblem>> {
        if raw.len() > TAGS_MAX {
            return Err(vec![FieldProblem::new(
                "tags",
                "too_many",
                say(
                    lang,
                    [
                        "At most {} tags.",
                        "Högst {} taggar.",
                        "Не больше {} тегов.",
                    ],
                    TAGS_MAX,
                ),
            )]);
        }
        let mut out: Vec<String> = Vec::new();
        let mut problems = Vec::new();
        for (i, tag) in raw.iter().enumerate() {
            // Checked as typed, lowercased after: lowercasing can add characters (İ -> i̇),
            // and the contract's pattern can only describe what the client sends.
            let typed = tag.trim();
            let n = typed.chars().count();
            let ok_chars = typed
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
            let t = typed.to_lowercase();
            if n == 0 || n > TAG_MAX || !ok_chars {
                problems.push(FieldProblem::new(
                    &format!("tags[{i}]"),
                    "invalid_tag",
                    say(
                        lang,
                        [
                            "A tag is 1 to {} letters, digits, spaces or dashes.",
                            "En tagg är 1 till {} bokstäver, siffror, mellanslag eller bindestreck.",
                            "Тег — от 1 до {} букв, цифр, пробелов или дефисов.",
                        ],
                        TAG_MAX,
                    ),
                ));
            } else if !out.contains(&t) {
                out.push(t);
            }
        }
        if problems.is_empty() {
            Ok(Tags(out))
        } else {
            Err(problems)
        }
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

macro_rules! text_access {
    ($($ty:ident),*) => {$(
        impl $ty {
            pub fn as_str(&self) -> &str {
                &self.0
            }
            pub fn into_string(self) -> String {
                self.0
            }
        }
    )*};
}
text_access!(Title, Description, AuthorName);

/// Collects the problems of several fields, so a 422 lists them all at once.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<FieldProblem>);

impl Problems {
    /// The value, or `None` with its problem(s) kept.
    pub fn check<T, E: Into<Vec<FieldProblem>>>(&mut self, r: Result<T, E>) -> Option<T> {
        r.map_err(|e| self.0.extend(e.into())).ok()
    }
}

impl From<FieldProblem> for Vec<FieldProblem> {
    fn from(p: FieldProblem) -> Self {
        vec![p]
    }
}

/// What `str::trim` removes (Unicode White_Space), as a regex class body.
const WS: &str = r"\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
/// Control characters (`char::is_control`, category Cc), as a regex class body.
const CC: &str = r"\x00-\x1f\x7f-\x9f";

/// [`Title::parse`] as a pattern: trimmed, 1..=80 characters, no control or hidden characters.
pub fn title_pattern() -> String {
    let bad = format!("{CC}{}", text::HIDDEN_FORMAT_CLASS);
    format!(
        "^[{WS}]*[^{WS}{bad}](?:[^{bad}]{{0,{}}}[^{WS}{bad}])?[{WS}]*$",
        TITLE_MAX - 2
    )
}

/// [`Description::parse`] as a pattern: trimmed, at most 2000 characters, no control
/// characters but newlines and tabs, no hidden characters.
pub fn description_pattern() -> String {
    let hidden = text::HIDDEN_FORMAT_CLASS;
    let inner = format!(r"\x00-\x08\x0b-\x1f\x7f-\x9f{hidden}");
    format!(
        "^[{WS}]*(?:[^{WS}{CC}{hidden}](?:[^{inner}]{{0,{}}}[^{WS}{CC}{hidden}])?)?[{WS}]*$",
        DESCRIPTION_MAX - 2
    )
}

/// One tag of [`Tags::parse`] as a pattern: trimmed, 1..=24 letters, digits, spaces or dashes.
pub fn tag_pattern() -> String {
    let edge = r"\-\p{Alphabetic}\p{N}";
    format!(
        "^[{WS}]*[{edge}](?:[{edge} ]{{0,{}}}[{edge}])?[{WS}]*$",
        TAG_MAX - 2
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_trim_default_and_refuse() {
        assert_eq!(
            Title::parse("  Hi  ").map(Title::into_string),
            Ok("Hi".into())
        );
        assert_eq!(
            AuthorName::parse("").map(AuthorName::into_string),
            Ok(ANONYMOUS.into())
        );
        assert_eq!(
            Tags::parse(&["Wool".into(), "wool".into()]).map(|t| t.0),
            Ok(vec!["wool".to_string()])
        );
        let mut p = Problems::default();
        p.check(Title::parse(""));
        p.check(Title::parse(&"x".repeat(TITLE_MAX + 1)));
        p.check(Title::parse("Ink \u{202E}evil"));
        p.check(Tags::parse(&["a%b".into(), "".into()]));
        p.check(Description::parse(&"y".repeat(DESCRIPTION_MAX + 1)));
        p.check(AuthorName::parse("Ada\u{200B}"));
        let paths: Vec<_> = p.0.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "title",
                "title",
                "title",
                "tags[0]",
                "tags[1]",
                "description",
                "author_name"
            ]
        );
    }
}
