//! Reusable pieces of the pages, one idea per file.

pub mod credits;
pub mod customizer;
pub mod cut_sheet_dialog;
pub mod error_box;
pub mod family_tree;
pub mod fold;
pub mod monogram;
pub mod notes;
pub mod outbox_list;
pub mod part_panel;
pub mod preview;
pub mod price;
pub mod publish_dialog;
pub mod qr;
pub mod status;
pub mod swatches;
pub mod upgrade_notice;
