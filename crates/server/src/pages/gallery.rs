//! `/`, the gallery, with a first paint: the newest patterns' cards drawn by the server into the
//! app's `index.html`, so a first visit sees the gallery before the wasm has arrived (#16).
//!
//! Only the plain address gets it: a filtered or searched gallery (`/?q=…`) is the app's alone,
//! since the filters are the app's to read. The cards are the API's first page (the same query,
//! through the same read cache), laid out with the app's own classes; the app stays hidden
//! behind them (style/main.css) and removes them once its own first page is shown
//! (`app::first_paint_done`). English, like the pattern page's first paint; every user-written
//! value is escaped text. The search box is a plain form, so it works before the app does.

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use stitchfork_api::limits::DEFAULT_LIMIT;
use stitchfork_api::{paths, Sort};
use stitchfork_model::render::esc;

use super::{html_page, read_index, with_body, Pages};
use crate::api::patterns::listed;
use crate::db::patterns::{ListQuery, PatternRow};
use crate::static_files::index_file;

/// The cards drawn at once; the rest of the page's images wait until they are scrolled to.
const EAGER_CARDS: usize = 4;

pub(super) async fn gallery_page(State(pages): State<Pages>, req: Request) -> Response {
    // Without cards to draw, the page is the built file as it is, in its precompressed copy.
    if req.uri().query().is_some_and(|q| !q.is_empty()) {
        return index_file(pages.index.to_path_buf(), req).await;
    }
    let query = ListQuery::unfiltered(Sort::default(), None, DEFAULT_LIMIT);
    // A storage error leaves the page without its first paint, never without the app.
    let rows = match listed(&pages.app, &query).await {
        Ok(rows) if !rows.is_empty() => rows,
        _ => return index_file(pages.index.to_path_buf(), req).await,
    };
    match read_index(&pages).await {
        Some(html) => html_page(with_body(&html, &first_paint(&rows))),
        None => crate::error::ApiError::NotFound("page").into_response(),
    }
}

/// The page's header, title, search box and the first page of cards, as the app draws them: a
/// page of its own for screen readers too (a main landmark and the page's `h1`), since the app's
/// page is hidden (not in the accessibility tree) while this is shown.
fn first_paint(rows: &[PatternRow]) -> String {
    let cards: String = rows
        .iter()
        .enumerate()
        .map(|(n, row)| card(row, n < EAGER_CARDS))
        .collect();
    format!(
        "<div id=\"first-paint\"><header class=\"site\"><a class=\"brand\" href=\"/\" translate=\"no\">Stitchfork</a></header>\
         <main><section class=\"page gallery\"><h1>Patterns by our community</h1>\
         <p class=\"tagline\">Design a laptop sleeve, share it, fork what others made.</p>\
         <form class=\"search\" role=\"search\" action=\"/\"><label for=\"first-paint-q\">Search</label>\
         <div class=\"search-row\"><input id=\"first-paint-q\" name=\"q\" type=\"search\" placeholder=\"Title, author or tag\" />\
         <button type=\"submit\">Search</button></div></form>\
         <ul class=\"cards\">{cards}</ul></section></main></div>"
    )
}

/// One card: the app's `Card` (src/pages/gallery.rs) in plain HTML.
fn card(row: &PatternRow, eager: bool) -> String {
    let loading = if eager {
        " fetchpriority=\"high\""
    } else {
        " loading=\"lazy\""
    };
    format!(
        "<li class=\"card\"><a href=\"/p/{id}\"><img src=\"{src}\" alt=\"\"{loading} width=\"320\" height=\"220\" />\
         <span class=\"card-title\" translate=\"no\">{title}</span></a>\
         <p class=\"meta\">by <span translate=\"no\">{author}</span> · {likes} · {forks}</p></li>",
        id = esc(&row.id),
        src = paths::for_pattern(paths::PREVIEW, &row.id),
        title = esc(&row.title),
        author = esc(&row.author_name),
        likes = counted(row.like_count, "like"),
        forks = counted(row.fork_count, "fork"),
    )
}

/// "1 like", "2 likes".
fn counted(n: i64, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn counts_take_the_plural_but_for_one() {
        assert_eq!(counted(0, "like"), "0 likes");
        assert_eq!(counted(1, "fork"), "1 fork");
        assert_eq!(counted(12, "like"), "12 likes");
    }
}
