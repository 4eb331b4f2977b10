//! Why a catalogue is refused: always with the path of the field at fault
//! (`properties[0].details.timeZone`), which the import prints.

#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("{}: {source}", file.display())]
    Read {
        file: std::path::PathBuf,
        source: std::io::Error,
    },
}

impl CatalogueError {
    /// The field at fault, when there is one.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        match self {
            Self::Json(_) | Self::Read { .. } => None,
            Self::Invalid { path, .. } => Some(path),
        }
    }
}

pub(super) fn invalid(path: impl Into<String>, message: impl Into<String>) -> CatalogueError {
    CatalogueError::Invalid {
        path: path.into(),
        message: message.into(),
    }
}
