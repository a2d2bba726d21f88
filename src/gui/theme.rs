//! Colours and the light/dark choice.

use crate::finding::Severity;
use crate::plan::Destination;
use crate::role::Role;
use egui::{Color32, Visuals};
use serde::{Deserialize, Serialize};

/// Follows the system unless the user picked a side; persisted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// The choice's message id in `app.ftl`.
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "app-theme-system",
            ThemeChoice::Light => "app-theme-light",
            ThemeChoice::Dark => "app-theme-dark",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

pub fn warning(v: &Visuals) -> Color32 {
    if v.dark_mode {
        Color32::from_rgb(255, 170, 60)
    } else {
        Color32::from_rgb(200, 110, 0)
    }
}

pub fn severity(v: &Visuals, s: Severity) -> Color32 {
    match (s, v.dark_mode) {
        (Severity::Error, true) => Color32::from_rgb(255, 100, 100),
        (Severity::Error, false) => Color32::from_rgb(200, 30, 30),
        (Severity::Warning, _) => warning(v),
        (Severity::Info, true) => Color32::from_rgb(120, 170, 255),
        (Severity::Info, false) => Color32::from_rgb(30, 90, 200),
    }
}

/// A stable hue per role, readable on both backgrounds.
pub fn role(v: &Visuals, r: Role) -> Color32 {
    let hue = (Role::ALL.iter().position(|x| *x == r).unwrap_or(0) as f32) / Role::ALL.len() as f32;
    let (s, l) = if v.dark_mode {
        (0.55, 0.70)
    } else {
        (0.70, 0.35)
    };
    hsl(hue, s, l)
}

pub fn destination(v: &Visuals, d: Destination) -> Color32 {
    let hue = (Destination::ALL.iter().position(|x| *x == d).unwrap_or(0) as f32)
        / Destination::ALL.len() as f32;
    let (s, l) = if v.dark_mode {
        (0.45, 0.72)
    } else {
        (0.65, 0.33)
    };
    hsl(hue + 0.08, s, l)
}

fn hsl(h: f32, s: f32, l: f32) -> Color32 {
    let h = h.rem_euclid(1.0) * 6.0;
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let to = |v: f32| ((v + m).clamp(0.0, 1.0) * 255.0).round() as u8;
    Color32::from_rgb(to(r), to(g), to(b))
}
