//! Python scripts with cell markers (jupytext `# %%`, nbconvert `# In[ ]:`) as notebooks.
// TODO(helper): implement.
use super::{Notebook, SourceFormat};

pub fn parse_script(_text: &str) -> Notebook {
    Notebook {
        format: SourceFormat::PercentScript,
        nbformat: 4,
        nbformat_minor: 5,
        language: Some("python".into()),
        cells: vec![],
    }
}
