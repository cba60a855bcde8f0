//! Limits and normalization of the free-text fields of a pattern (title, description, tags,
//! author). Every problem is collected, so a 422 lists them all at once.
//!
//! The same rules are stated in the OpenAPI document as patterns (`*_PATTERN`, used by
//! `views`), so the contract accepts exactly what these functions accept.

use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};

use stitchfork_model::Lang;

use crate::error::FieldProblem;

/// The sentence for `lang` with `{}` replaced by `n` (the limit); problems are said in the
/// request's language, like the domain's own validation messages.
fn say(lang: Lang, [en, sv, ru]: [&str; 3], n: usize) -> String {
    match lang {
        Lang::En => en,
        Lang::Sv => sv,
        Lang::Ru => ru,
    }
    .replace("{}", &n.to_string())
}

/// What `str::trim` removes (Unicode White_Space), as a regex class body.
const WS: &str = r"\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
/// Control characters (`char::is_control`, category Cc), as a regex class body.
const CC: &str = r"\x00-\x1f\x7f-\x9f";

/// [`title`] as a pattern: trimmed, 1..=80 characters, no control characters.
pub fn title_pattern() -> String {
    format!(
        "^[{WS}]*[^{WS}{CC}](?:[^{CC}]{{0,{}}}[^{WS}{CC}])?[{WS}]*$",
        TITLE_MAX - 2
    )
}

/// [`description`] as a pattern: trimmed, at most 2000 characters, no control characters
/// but newlines and tabs.
pub fn description_pattern() -> String {
    let inner = r"\x00-\x08\x0b-\x1f\x7f-\x9f";
    format!(
        "^[{WS}]*(?:[^{WS}{CC}](?:[^{inner}]{{0,{}}}[^{WS}{CC}])?)?[{WS}]*$",
        DESCRIPTION_MAX - 2
    )
}

/// One tag of [`tags`] as a pattern: trimmed, 1..=24 letters, digits, spaces or dashes.
pub fn tag_pattern() -> String {
    let edge = r"\-\p{Alphabetic}\p{N}";
    format!(
        "^[{WS}]*[{edge}](?:[{edge} ]{{0,{}}}[{edge}])?[{WS}]*$",
        TAG_MAX - 2
    )
}

/// The schema of an optional (nullable) text field with `pattern`.
pub fn nullable_text(pattern: String) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(pattern))
}

/// Schema of `PatchRequest.title`.
pub fn title_schema() -> ObjectBuilder {
    nullable_text(title_pattern())
}

/// Schema of `PatchRequest.description`.
pub fn description_schema() -> ObjectBuilder {
    nullable_text(description_pattern())
}

/// Schema of `PatchRequest.tags`: at most 8, each matching [`tag_pattern`].
pub fn tags_schema() -> ArrayBuilder {
    ArrayBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(tag_pattern())),
        )
        .max_items(Some(TAGS_MAX))
}

pub const TITLE_MAX: usize = 80;
pub const DESCRIPTION_MAX: usize = 2000;
pub const AUTHOR_MAX: usize = 40;
pub const TAGS_MAX: usize = 8;
pub const TAG_MAX: usize = 24;

fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\t')))
}

/// A trimmed title of 1..=TITLE_MAX characters.
pub fn title(raw: &str, lang: Lang, problems: &mut Vec<FieldProblem>) -> String {
    let t = raw.trim();
    let n = t.chars().count();
    if n == 0 {
        problems.push(FieldProblem::new(
            "title",
            "required",
            say(
                lang,
                ["A title is required.", "En titel krävs.", "Нужно название."],
                0,
            ),
        ));
    } else if n > TITLE_MAX {
        problems.push(FieldProblem::new(
            "title",
            "too_long",
            say(
                lang,
                [
                    "The title can be at most {} characters.",
                    "Titeln får vara högst {} tecken.",
                    "Название — не длиннее {} символов.",
                ],
                TITLE_MAX,
            ),
        ));
    } else if has_control(t, false) {
        problems.push(FieldProblem::new(
            "title",
            "invalid_characters",
            say(
                lang,
                [
                    "The title contains control characters.",
                    "Titeln innehåller styrtecken.",
                    "В названии есть управляющие символы.",
                ],
                0,
            ),
        ));
    }
    t.to_string()
}

/// A trimmed description of at most DESCRIPTION_MAX characters (may be empty).
pub fn description(raw: &str, lang: Lang, problems: &mut Vec<FieldProblem>) -> String {
    let d = raw.trim();
    if d.chars().count() > DESCRIPTION_MAX {
        problems.push(FieldProblem::new(
            "description",
            "too_long",
            say(
                lang,
                [
                    "The description can be at most {} characters.",
                    "Beskrivningen får vara högst {} tecken.",
                    "Описание — не длиннее {} символов.",
                ],
                DESCRIPTION_MAX,
            ),
        ));
    } else if has_control(d, true) {
        problems.push(FieldProblem::new(
            "description",
            "invalid_characters",
            say(
                lang,
                [
                    "The description contains control characters.",
                    "Beskrivningen innehåller styrtecken.",
                    "В описании есть управляющие символы.",
                ],
                0,
            ),
        ));
    }
    d.to_string()
}

/// The author's display name; "Anonymous" when empty.
pub fn author(raw: &str, lang: Lang, problems: &mut Vec<FieldProblem>) -> String {
    let a = raw.trim();
    if a.chars().count() > AUTHOR_MAX {
        problems.push(FieldProblem::new(
            "author_name",
            "too_long",
            say(
                lang,
                [
                    "The author name can be at most {} characters.",
                    "Namnet får vara högst {} tecken.",
                    "Имя автора — не длиннее {} символов.",
                ],
                AUTHOR_MAX,
            ),
        ));
    } else if has_control(a, false) {
        problems.push(FieldProblem::new(
            "author_name",
            "invalid_characters",
            say(
                lang,
                [
                    "The author name contains control characters.",
                    "Namnet innehåller styrtecken.",
                    "В имени автора есть управляющие символы.",
                ],
                0,
            ),
        ));
    }
    if a.is_empty() {
        "Anonymous".to_string()
    } else {
        a.to_string()
    }
}

/// Lowercased, de-duplicated tags; each 1..=TAG_MAX letters, digits, spaces or dashes.
pub fn tags(raw: &[String], lang: Lang, problems: &mut Vec<FieldProblem>) -> Vec<String> {
    if raw.len() > TAGS_MAX {
        problems.push(FieldProblem::new(
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
        ));
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_problem() {
        let mut p = Vec::new();
        assert_eq!(title("  Hi  ", Lang::En, &mut p), "Hi");
        assert_eq!(author("", Lang::En, &mut p), "Anonymous");
        assert_eq!(
            tags(&["Wool".into(), "wool".into()], Lang::En, &mut p),
            ["wool"]
        );
        assert!(p.is_empty());
        title("", Lang::En, &mut p);
        title(&"x".repeat(81), Lang::Sv, &mut p);
        tags(&["a%b".into(), "".into()], Lang::En, &mut p);
        description(&"y".repeat(2001), Lang::Ru, &mut p);
        let paths: Vec<_> = p.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["title", "title", "tags[0]", "tags[1]", "description"]
        );
        // In the request's language, with the limit filled in.
        assert_eq!(p[0].message, "A title is required.");
        assert_eq!(p[1].message, "Titeln får vara högst 80 tecken.");
        assert_eq!(p[4].message, "Описание — не длиннее 2000 символов.");
    }
}
