//! A configuration posted by a client (to publish or to render): parsed, migrated and
//! validated by the domain crate, every problem as a field error under `config.`.

use stitchfork_model::config::{self, Configuration};
use stitchfork_model::{validate, Catalog, Lang, Problem};

use crate::error::FieldProblem;

/// The domain's problems as field errors of the request (`config.<path>`).
pub fn config_problems(problems: Vec<Problem>) -> Vec<FieldProblem> {
    problems
        .into_iter()
        .map(|p| FieldProblem {
            path: format!("config.{}", p.path),
            code: p.code,
            message: p.message,
        })
        .collect()
}

/// The configuration in `json`, valid for `catalog`, or every problem found (messages in
/// `lang`).
pub fn checked(
    catalog: &Catalog,
    json: &str,
    lang: Lang,
) -> Result<Configuration, Vec<FieldProblem>> {
    let cfg = config::parse(json)
        .map_err(|e| vec![FieldProblem::new("config", "unreadable", e.to_string())])?;
    validate::validate(catalog, &cfg, lang).map_err(config_problems)?;
    Ok(cfg)
}
