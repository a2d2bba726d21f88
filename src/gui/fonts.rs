//! Fonts: egui's defaults plus NanumGothic (SIL OFL 1.1, from Debian's fonts-nanum,
//! see assets/fonts/LICENSE-NanumGothic.txt) as a fallback, so Korean cells render.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

static NANUM_GOTHIC: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// egui's default fonts with the Korean fallback after them in both families.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "NanumGothic".to_owned(),
        Arc::new(FontData::from_static(NANUM_GOTHIC)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("NanumGothic".to_owned());
    }
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
