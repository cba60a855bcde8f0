//! Limits and normalization of the free-text fields of a pattern (title, description, tags,
//! author). Every problem is collected, so a 422 lists them all at once.

use crate::error::FieldProblem;

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
pub fn title(raw: &str, problems: &mut Vec<FieldProblem>) -> String {
    let t = raw.trim();
    let n = t.chars().count();
    if n == 0 {
        problems.push(FieldProblem::new(
            "title",
            "required",
            "A title is required.",
        ));
    } else if n > TITLE_MAX {
        problems.push(FieldProblem::new(
            "title",
            "too_long",
            format!("The title can be at most {TITLE_MAX} characters."),
        ));
    } else if has_control(t, false) {
        problems.push(FieldProblem::new(
            "title",
            "invalid_characters",
            "The title contains control characters.",
        ));
    }
    t.to_string()
}

/// A trimmed description of at most DESCRIPTION_MAX characters (may be empty).
pub fn description(raw: &str, problems: &mut Vec<FieldProblem>) -> String {
    let d = raw.trim();
    if d.chars().count() > DESCRIPTION_MAX {
        problems.push(FieldProblem::new(
            "description",
            "too_long",
            format!("The description can be at most {DESCRIPTION_MAX} characters."),
        ));
    } else if has_control(d, true) {
        problems.push(FieldProblem::new(
            "description",
            "invalid_characters",
            "The description contains control characters.",
        ));
    }
    d.to_string()
}

/// The author's display name; "Anonymous" when empty.
pub fn author(raw: &str, problems: &mut Vec<FieldProblem>) -> String {
    let a = raw.trim();
    if a.chars().count() > AUTHOR_MAX {
        problems.push(FieldProblem::new(
            "author_name",
            "too_long",
            format!("The author name can be at most {AUTHOR_MAX} characters."),
        ));
    } else if has_control(a, false) {
        problems.push(FieldProblem::new(
            "author_name",
            "invalid_characters",
            "The author name contains control characters.",
        ));
    }
    if a.is_empty() {
        "Anonymous".to_string()
    } else {
        a.to_string()
    }
}

/// Lowercased, de-duplicated tags; each 1..=TAG_MAX letters, digits, spaces or dashes.
pub fn tags(raw: &[String], problems: &mut Vec<FieldProblem>) -> Vec<String> {
    if raw.len() > TAGS_MAX {
        problems.push(FieldProblem::new(
            "tags",
            "too_many",
            format!("At most {TAGS_MAX} tags."),
        ));
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for (i, tag) in raw.iter().enumerate() {
        let t = tag.trim().to_lowercase();
        let n = t.chars().count();
        let ok_chars = t
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
        if n == 0 || n > TAG_MAX || !ok_chars {
            problems.push(FieldProblem::new(
                &format!("tags[{i}]"),
                "invalid_tag",
                format!("A tag is 1 to {TAG_MAX} letters, digits, spaces or dashes."),
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
        assert_eq!(title("  Hi  ", &mut p), "Hi");
        assert_eq!(author("", &mut p), "Anonymous");
        assert_eq!(tags(&["Wool".into(), "wool".into()], &mut p), ["wool"]);
        assert!(p.is_empty());
        title("", &mut p);
        title(&"x".repeat(81), &mut p);
        tags(&["a%b".into(), "".into()], &mut p);
        description(&"y".repeat(2001), &mut p);
        let paths: Vec<_> = p.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["title", "title", "tags[0]", "tags[1]", "description"]
        );
    }
}
