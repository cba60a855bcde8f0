//! The family tree of a pattern drawn as an SVG graph: ancestors above,
//! descendants below, every node a link, the current pattern highlighted.
//!
//! Layout is a simple tidy tree: leaves take consecutive columns, a parent sits
//! centred over its children, rows are generations. Built as a string (pure,
//! tested natively) and injected; all text is escaped.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::api::{ApiError, Lineage, LineageNode};
use crate::i18n::{use_i18n, K};

/// One member of the family.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeNode {
    pub id: String,
    pub parent_id: Option<String>,
    pub title: String,
    pub author: String,
    pub removed: bool,
    /// Copies made from it, and their owners' average rating in tenths (46 = 4.6).
    pub made: i64,
    pub rating_tenths: Option<i64>,
}

const W: f64 = 168.0;
const H: f64 = 64.0;
const GAP_X: f64 = 16.0;
const GAP_Y: f64 = 34.0;
const TITLE_CHARS: usize = 20;

/// Words the drawing needs, in the user's language.
pub struct Labels<'a> {
    pub removed: &'a str,
    pub by: &'a str,
    /// "Made", before the number of copies.
    pub made: &'a str,
}

/// "Made 3 · ★ 4.6", or nothing for a pattern nobody has made yet. One decimal by integer
/// arithmetic: `{:.1}` would bring float formatting into the wasm.
fn made_line(n: &TreeNode, labels: &Labels) -> String {
    if n.removed || n.made == 0 {
        return String::new();
    }
    let mut line = format!("{} {}", labels.made, n.made);
    if let Some(t) = n.rating_tenths {
        line.push_str(&format!(" · ★ {}.{}", t / 10, t % 10));
    }
    line
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
        let made = made_line(n, labels);
        let full = if n.removed {
            labels.removed.to_string()
        } else if made.is_empty() {
            format!("{} — {}", n.title, n.author)
        } else {
            format!("{} — {} ({made})", n.title, n.author)
        };
        svg.push_str(&format!(
            r#"<a href="/p/{id}" class="{class}"{aria}><title>{full}</title><rect x="{x}" y="{y}" width="{W}" height="{H}" rx="8"/><text x="{tx}" y="{ty1}">{title}</text><text class="by" x="{tx}" y="{ty2}">{author}</text><text class="made" x="{tx}" y="{ty3}">{made}</text></a>"#,
            id = esc(&n.id),
            aria = if is_current { r#" aria-current="page""# } else { "" },
            full = esc(&full),
            tx = x + 10.0,
            ty1 = y + 21.0,
            ty2 = y + 39.0,
            ty3 = y + 56.0,
            title = esc(&title),
            author = esc(&author),
            made = esc(&made),
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

/// The ancestor chain (root first), this pattern and its descendants as flat tree nodes.
pub fn tree_nodes(l: &Lineage) -> Vec<TreeNode> {
    let node = |n: &LineageNode, parent: Option<&str>| TreeNode {
        id: n.id.clone(),
        parent_id: parent.map(str::to_string),
        title: n.title.clone().unwrap_or_default(),
        author: n.author_name.clone().unwrap_or_default(),
        removed: n.removed,
        made: n.made_count,
        rating_tenths: n.rating_average.map(|a| (a * 10.0).round() as i64),
    };
    let mut nodes = Vec::new();
    let mut parent: Option<&str> = None;
    for a in l.ancestors.iter().rev() {
        nodes.push(node(a, parent));
        parent = Some(&a.id);
    }
    // Depth-first over the descendants; the server bounds depth and size.
    let mut stack = vec![(&l.tree, parent)];
    while let Some((n, p)) = stack.pop() {
        nodes.push(node(n, p));
        for c in n.children.iter().rev() {
            stack.push((c, Some(&n.id)));
        }
    }
    nodes
}

/// The family tree of `lineage`, with `current` marked, in the visitor's language.
#[component]
pub fn LineageTree(
    lineage: LocalResource<Result<Lineage, ApiError>>,
    #[prop(into)] current: String,
) -> impl IntoView {
    let i = use_i18n();
    let svg = Signal::derive(move || {
        let Some(Ok(l)) = lineage.get() else {
            return String::new();
        };
        let labels = Labels {
            removed: i.t(K::Removed),
            by: i.t(K::By),
            made: i.t(K::MadeTimes),
        };
        tree_svg(&tree_nodes(&l), &current, &labels)
    });
    view! { <FamilyTree svg=svg label=Signal::derive(move || i.t(K::FamilyTree).to_string())/> }
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
            made: 0,
            rating_tenths: None,
        }
    }

    const L: Labels = Labels {
        removed: "removed",
        by: "by",
        made: "Made",
    };

    #[test]
    fn a_made_pattern_shows_its_copies_and_rating() {
        let mut made = node("a", Some("root"));
        made.made = 3;
        made.rating_tenths = Some(46);
        let svg = tree_svg(&[node("root", None), made], "a", &L);
        assert!(svg.contains(r#"<text class="made" x="#), "{svg}");
        assert!(svg.contains(">Made 3 · ★ 4.6</text>"), "{svg}");
        assert!(
            svg.contains("<title>T a — Ada (Made 3 · ★ 4.6)</title>"),
            "{svg}"
        );
        // Nobody made the root: no line.
        assert_eq!(svg.matches("Made ").count(), 2);
    }

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

    fn n(id: &str, children: Vec<LineageNode>) -> LineageNode {
        LineageNode {
            id: id.into(),
            title: Some(id.to_uppercase()),
            author_name: None,
            removed: false,
            licence: None,
            like_count: 0,
            fork_count: children.len() as i64,
            created_at: String::new(),
            made_count: 0,
            rating_average: None,
            children,
            more: false,
        }
    }

    #[test]
    fn ancestors_and_descendants_are_linked_by_parent() {
        let l = Lineage {
            ancestors: vec![n("parent", vec![]), n("root", vec![])],
            ancestors_truncated: false,
            tree: n(
                "me",
                vec![n("kid1", vec![n("grandkid", vec![])]), n("kid2", vec![])],
            ),
            truncated: false,
            max_depth: 6,
            max_nodes: 500,
        };
        let nodes = tree_nodes(&l);
        let parent_of = |id: &str| {
            nodes
                .iter()
                .find(|x| x.id == id)
                .and_then(|x| x.parent_id.clone())
        };
        assert_eq!(nodes[0].id, "root");
        assert_eq!(parent_of("root"), None);
        assert_eq!(parent_of("parent").as_deref(), Some("root"));
        assert_eq!(parent_of("me").as_deref(), Some("parent"));
        assert_eq!(parent_of("kid2").as_deref(), Some("me"));
        assert_eq!(parent_of("grandkid").as_deref(), Some("kid1"));
        assert_eq!(nodes.len(), 6);
    }
}
