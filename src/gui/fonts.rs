//! Fonts: egui's defaults, then fallbacks bundled in assets/fonts/:
//! - DejaVu Sans and DejaVu Sans Mono (Bitstream Vera licence and public domain, from
//!   Debian's fonts-dejavu-core; assets/fonts/LICENSE-DejaVu.txt) for symbols egui's
//!   fonts lack (arrows, ⚠, ✓, box drawing) in rule messages and notebooks;
//! - NanumGothic (SIL OFL 1.1, from Debian's fonts-nanum;
//!   assets/fonts/LICENSE-NanumGothic.txt), so Korean cells and markdown render.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static DEJAVU_SANS_MONO: &[u8] = include_bytes!("../../assets/fonts/DejaVuSansMono.ttf");
static NANUM_GOTHIC: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// egui's default fonts with the fallbacks after them in both families.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    for (name, bytes) in [
        ("DejaVuSans", DEJAVU_SANS),
        ("DejaVuSansMono", DEJAVU_SANS_MONO),
        ("NanumGothic", NANUM_GOTHIC),
    ] {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    for (family, symbols) in [
        (FontFamily::Proportional, "DejaVuSans"),
        (FontFamily::Monospace, "DejaVuSansMono"),
    ] {
        let list = fonts.families.entry(family).or_default();
        list.push(symbols.to_owned());
        list.push("NanumGothic".to_owned());
    }
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
