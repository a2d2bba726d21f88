//! The Cosmic Python pattern level (REFERENCE §1): which patterns the export uses.
//! Validated once, where it is read (flag, `pyproject.toml`, the app's settings).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Level {
    /// Domain model, repository, service layer (chapters 1–4).
    #[default]
    One = 1,
    /// Adds the unit of work and tests with fakes (chapters 5–7).
    Two = 2,
    /// Adds commands, events, a message bus and a bootstrap (chapters 8–13).
    Three = 3,
}

/// A number that is not a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("expected 1, 2 or 3")]
pub struct NotALevel;

impl Level {
    pub const ALL: [Level; 3] = [Level::One, Level::Two, Level::Three];

    /// 1, 2 or 3.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The level nearest to `n` (0 reads as 1, above 3 as 3): for stored settings,
    /// which an older or edited file may hold out of range.
    pub fn nearest(n: u8) -> Level {
        match n {
            0 | 1 => Level::One,
            2 => Level::Two,
            _ => Level::Three,
        }
    }
}

impl TryFrom<u8> for Level {
    type Error = NotALevel;

    fn try_from(n: u8) -> Result<Level, NotALevel> {
        match n {
            1 => Ok(Level::One),
            2 => Ok(Level::Two),
            3 => Ok(Level::Three),
            _ => Err(NotALevel),
        }
    }
}

impl TryFrom<i64> for Level {
    type Error = NotALevel;

    fn try_from(n: i64) -> Result<Level, NotALevel> {
        u8::try_from(n).map_err(|_| NotALevel)?.try_into()
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_one_to_three() {
        for level in Level::ALL {
            assert_eq!(Level::try_from(level.number()), Ok(level));
            assert_eq!(level.to_string(), level.number().to_string());
        }
        assert_eq!(Level::try_from(0u8), Err(NotALevel));
        assert_eq!(Level::try_from(4i64), Err(NotALevel));
        assert_eq!(Level::try_from(-1i64), Err(NotALevel));
        assert_eq!(Level::try_from(257i64), Err(NotALevel));
        assert_eq!(Level::nearest(0), Level::One);
        assert_eq!(Level::nearest(9), Level::Three);
        assert!(Level::One < Level::Two && Level::Two < Level::Three);
    }
}
