//! Panel geometry: the flat pieces each part is cut as, for a size and closure. Pricing charges for
//! the cut area; the cut sheet draws the same panels, so the two cannot disagree.

use crate::catalog::{Closure, PanelKind, PartSpec, Product, Size};

/// One part's flat pieces, in millimetres. `count` identical pieces are cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Panel {
    pub part: String,
    pub kind: PanelKind,
    /// Finished (sewn) size.
    pub finished_w: u32,
    pub finished_h: u32,
    /// Cut size, seam allowance included.
    pub cut_w: u32,
    pub cut_h: u32,
    pub count: u32,
}

impl Panel {
    pub fn cut_area_mm2(&self) -> u64 {
        u64::from(self.cut_w) * u64::from(self.cut_h) * u64::from(self.count)
    }
}

/// The panel of one part. The lining is one piece folded at the bottom; trim is two bias strips
/// (one per side seam run: down, along the bottom, up) whose width already includes their turning.
pub fn panel(product: &Product, spec: &PartSpec, size: &Size, closure: Option<&Closure>) -> Panel {
    let sa = product.seam_allowance_mm;
    let (w, h) = (size.width_mm, size.height_mm);
    let (fw, fh, count, allowance_w, allowance_h) = match spec.panel {
        PanelKind::Front | PanelKind::Back => (w, h, 1, 2 * sa, 2 * sa),
        PanelKind::Lining => (w, 2 * h, 1, 2 * sa, 2 * sa),
        PanelKind::Trim => (2 * h + w, product.trim_width_mm, 2, 2 * sa, 0),
        PanelKind::Closure => {
            let cw = closure.and_then(|c| c.panel_width_mm).unwrap_or(w);
            let ch = closure.map_or(40, |c| c.panel_height_mm);
            (cw, ch, 1, 2 * sa, 2 * sa)
        }
    };
    Panel {
        part: spec.id.clone(),
        kind: spec.panel,
        finished_w: fw,
        finished_h: fh,
        cut_w: fw + allowance_w,
        cut_h: fh + allowance_h,
        count,
    }
}
