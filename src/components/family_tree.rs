//! The family tree of a pattern drawn as an SVG graph: ancestors above,
//! descendants below, every node a link, the current pattern highlighted.
//!
//! Layout is a simple tidy tree: leaves take consecutive columns, a parent sits
//! centred over its children, rows are generations. Built as a string (pure,
//! tested natively) and injected; all text is escaped.

use std::collections::BTreeMap;

use leptos::prelude::*;

/// One member of the family.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeNode {
    pub id: String,
    pub parent_id: Option<String>,
    pub title: String,
    pub author: String,
    pub removed: bool,
}

const W: f64 = 168.0;
const H: f64 = 50.0;
const GAP_X: f64 = 16.0;
const GAP_Y: f64 = 34.0;
const TITLE_CHARS: usize = 20;

/// Words the drawing needs, in the user's language.
pub struct Labels<'a> {
    pub removed: &'a str,
    pub by: &'a str,
}

/// The SVG of the tree; empty when there is at most one node (nothing to show).
pub fn tree_svg(nodes: &[TreeNode], current: &str, labels: &Labels) -> String {
    if nodes.len() < 2 {
        return String::new();
    }
    let known: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let mut children: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut roots = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        match n
            .parent_id
            .as_deref()
            .filter(|p| known.contains(p) && *p != n.id)
        {
            Some(p) => children.entry(p).or_default().push(i),
            None => roots.push(i),
        }
    }
    let mut pos: Vec<Option<(f64, usize)>> = vec![None; nodes.len()];
    let mut next_col = 0.0;
    for &r in &roots {
        place(r, 0, nodes, &children, &mut pos, &mut next_col);
    }
    let cols = next_col.max(1.0);
    let depth = pos.iter().flatten().map(|(_, d)| *d).max().unwrap_or(0) + 1;
    let width = cols * (W + GAP_X) + GAP_X;
    let height = depth as f64 * (H + GAP_Y) + GAP_Y;
    let xy = |i: usize| {
        pos[i].map(|(c, d)| {
            (
                GAP_X + c * (W + GAP_X),
                GAP_Y / 2.0 + d as f64 * (H + GAP_Y),
            )
        })
    };

    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="tree-svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">"#
    );
    for (i, n) in nodes.iter().enumerate() {
        let Some(pid) = n.parent_id.as_deref() else {
            continue;
        };
        let Some(p) = nodes.iter().position(|m| m.id == pid) else {
            continue;
        };
        if let (Some((px, py)), Some((cx, cy))) = (xy(p), xy(i)) {
            let (x1, y1, x2, y2) = (px + W / 2.0, py + H, cx + W / 2.0, cy);
            let my = (y1 + y2) / 2.0;
            svg.push_str(&format!(
                r#"<path class="edge" d="M{x1},{y1} C{x1},{my} {x2},{my} {x2},{y2}"/>"#
            ));
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        let Some((x, y)) = xy(i) else { continue };
        let is_current = n.id == current;
        let mut class = String::from("node");
        if is_current {
            class.push_str(" current");
        }
        if n.removed {
            class.push_str(" removed");
        }
        let title = if n.removed {
            labels.removed.to_string()
        } else {
            shorten(&n.title, TITLE_CHARS)
        };
        let author = if n.removed || n.author.is_empty() {
            String::new()
        } else {
            format!("{} {}", labels.by, shorten(&n.author, TITLE_CHARS))
        };
        let full = if n.removed {
            labels.removed.to_string()
        } else {
            format!("{} — {}", n.title, n.author)
        };
        svg.push_str(&format!(
            r#"<a href="/p/{id}" class="{class}"{aria}><title>{full}</title><rect x="{x}" y="{y}" width="{W}" height="{H}" rx="8"/><text x="{tx}" y="{ty1}">{title}</text><text class="by" x="{tx}" y="{ty2}">{author}</text></a>"#,
            id = esc(&n.id),
            aria = if is_current { r#" aria-current="page""# } else { "" },
            full = esc(&full),
            tx = x + 10.0,
            ty1 = y + 21.0,
            ty2 = y + 39.0,
            title = esc(&title),
            author = esc(&author),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Places `i` and its subtree; returns its column.
fn place(
    i: usize,
    depth: usize,
    nodes: &[TreeNode],
    children: &BTreeMap<&str, Vec<usize>>,
    pos: &mut [Option<(f64, usize)>],
    next_col: &mut f64,
) -> f64 {
    let kids = children
        .get(nodes[i].id.as_str())
        .cloned()
        .unwrap_or_default();
    let col = if kids.is_empty() {
        let c = *next_col;
        *next_col += 1.0;
        c
    } else {
        let mut cols = Vec::new();
        for k in kids {
            if pos[k].is_none() {
                cols.push(place(k, depth + 1, nodes, children, pos, next_col));
            }
        }
        match (cols.first(), cols.last()) {
            (Some(a), Some(b)) => (a + b) / 2.0,
            _ => {
                let c = *next_col;
                *next_col += 1.0;
                c
            }
        }
    };
    pos[i] = Some((col, depth));
    col
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The tree in a scrollable, labelled figure.
#[component]
pub fn FamilyTree(
    #[prop(into)] svg: Signal<String>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    view! {
        <figure class="tree" aria-label=move || label.get()>
            <div class="tree-scroll" tabindex="0" inner_html=move || svg.get()></div>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, parent: Option<&str>) -> TreeNode {
        TreeNode {
            id: id.into(),
            parent_id: parent.map(str::to_string),
            title: format!("T {id}"),
            author: "Ada".into(),
            removed: false,
        }
    }

    const L: Labels = Labels {
        removed: "removed",
        by: "by",
    };

    #[test]
    fn every_node_is_a_link_and_the_current_one_is_marked() {
        let nodes = [
            node("root", None),
            node("a", Some("root")),
            node("b", Some("root")),
        ];
        let svg = tree_svg(&nodes, "a", &L);
        for id in ["root", "a", "b"] {
            assert!(svg.contains(&format!(r#"href="/p/{id}""#)), "{id}");
        }
        assert_eq!(svg.matches("aria-current=\"page\"").count(), 1);
        assert!(svg.contains(r#"<a href="/p/a" class="node current" aria-current="page">"#));
        assert_eq!(svg.matches("class=\"edge\"").count(), 2);
    }

    #[test]
    fn a_parent_is_centred_over_its_children() {
        let nodes = [
            node("root", None),
            node("a", Some("root")),
            node("b", Some("root")),
        ];
        let svg = tree_svg(&nodes, "root", &L);
        // Leaves at columns 0 and 1, root at 0.5: x = 16 + 0.5 * 184.
        assert!(svg.contains(r#"<rect x="108" y="17""#), "{svg}");
    }

    #[test]
    fn text_is_escaped_and_removed_nodes_are_labelled() {
        let mut evil = node("x", Some("root"));
        evil.title = "<script>\"&".into();
        let mut gone = node("root", None);
        gone.removed = true;
        let svg = tree_svg(&[gone, evil], "x", &L);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;&quot;&amp;"));
        assert!(svg.contains(">removed<"));
    }

    #[test]
    fn a_lone_pattern_draws_nothing() {
        assert_eq!(tree_svg(&[node("a", None)], "a", &L), "");
    }
}
