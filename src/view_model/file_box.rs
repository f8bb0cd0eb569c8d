//! The app's own file box, shown where the system shows no file dialog: a path to type,
//! checked before anything is read or written.

use std::path::{Path, PathBuf};

/// What the box asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileBoxKind {
    /// One existing file.
    Open,
    /// One or more existing files, one path a line.
    OpenMany,
    /// Where to write a file.
    Save,
}

/// The box as the user fills it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileBox {
    pub title: &'static str,
    pub kind: FileBoxKind,
    /// The path (paths, one a line, for [`FileBoxKind::OpenMany`]) as typed.
    pub path_text: String,
    /// Why the last press did not go ahead.
    pub problem: Option<String>,
    /// An existing file the user was told about and may now replace by saving again.
    replace: Option<PathBuf>,
    /// Not drawn yet: the path field takes the keyboard when first shown.
    fresh: bool,
}

impl FileBox {
    /// A box for `kind`, pre-filled with `path` (a folder ends with a separator, so the
    /// name is typed after it).
    pub fn new(title: &'static str, kind: FileBoxKind, path: PathBuf) -> Self {
        let mut path_text = path.display().to_string();
        if kind != FileBoxKind::Save && !path_text.ends_with(std::path::MAIN_SEPARATOR) {
            path_text.push(std::path::MAIN_SEPARATOR);
        }
        Self {
            title,
            kind,
            path_text,
            problem: None,
            replace: None,
            fresh: true,
        }
    }

    /// Whether the box is drawn for the first time (only the first call says so).
    pub fn take_fresh(&mut self) -> bool {
        std::mem::take(&mut self.fresh)
    }

    /// The button's word.
    pub fn action(&self) -> &'static str {
        match self.kind {
            FileBoxKind::Open => "Open",
            FileBoxKind::OpenMany => "Import the files",
            FileBoxKind::Save if self.replace.is_some() => "Replace",
            FileBoxKind::Save => "Save",
        }
    }

    /// The paths typed, `~` read as the home folder and relative paths from it.
    pub fn paths(&self) -> Vec<PathBuf> {
        let home = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf());
        self.path_text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| expand(l, home.as_deref()))
            .collect()
    }

    /// The paths when they can be used as asked; otherwise `None`, with the reason in
    /// [`Self::problem`]. Saving over an existing file takes a second press.
    pub fn confirm(&mut self) -> Option<Vec<PathBuf>> {
        let paths = self.paths();
        let problem = match self.kind {
            _ if paths.is_empty() => Some("Type the file's full path.".to_owned()),
            FileBoxKind::Save => self.save_problem(&paths[0]),
            FileBoxKind::Open | FileBoxKind::OpenMany => paths.iter().find_map(|p| open_problem(p)),
        };
        self.problem = problem;
        self.problem.is_none().then_some(paths)
    }

    fn save_problem(&mut self, path: &Path) -> Option<String> {
        if path.is_dir() {
            return Some(format!(
                "{} is a folder: add the file's name after it.",
                path.display()
            ));
        }
        let folder = path.parent().unwrap_or(Path::new(""));
        if !folder.is_dir() {
            return Some(format!(
                "There is no folder {}: type a folder that exists.",
                folder.display()
            ));
        }
        if path.exists() && self.replace.as_deref() != Some(path) {
            self.replace = Some(path.to_path_buf());
            return Some(format!(
                "{} is already in {}. Press Replace to write over it, or change the name.",
                crate::text::file_name(path),
                folder.display()
            ));
        }
        None
    }

    /// Takes a new text; a replacement agreed for another path no longer holds.
    pub fn edited(&mut self) {
        if self.replace.as_deref() != self.paths().first().map(PathBuf::as_path) {
            self.replace = None;
        }
    }
}

fn open_problem(path: &Path) -> Option<String> {
    if path.is_dir() {
        Some(format!(
            "{} is a folder: add the file's name after it.",
            path.display()
        ))
    } else if !path.is_file() {
        Some(format!("There is no file at {}.", path.display()))
    } else {
        None
    }
}

/// `text` as a path: `~` is the home folder, and a relative path starts from it, as the
/// app's own working folder means nothing to the user.
fn expand(text: &str, home: Option<&Path>) -> PathBuf {
    let Some(home) = home else {
        return PathBuf::from(text);
    };
    if text == "~" {
        return home.to_path_buf();
    }
    if let Some(rest) = text.strip_prefix("~/") {
        return home.join(rest);
    }
    let path = PathBuf::from(text);
    if path.is_absolute() {
        path
    } else {
        home.join(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_over_an_existing_file_takes_a_second_press() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("list.csv");
        std::fs::write(&file, "x").expect("file");
        let mut b = FileBox::new("Save", FileBoxKind::Save, file.clone());
        assert_eq!(b.confirm(), None);
        assert!(
            b.problem
                .as_deref()
                .unwrap_or_default()
                .contains("already in")
        );
        assert_eq!(b.action(), "Replace");
        assert_eq!(b.confirm(), Some(vec![file]));
    }

    #[test]
    fn a_missing_folder_or_file_is_named() {
        let dir = tempfile::tempdir().expect("dir");
        let mut save = FileBox::new(
            "Save",
            FileBoxKind::Save,
            dir.path().join("nope").join("a.csv"),
        );
        assert_eq!(save.confirm(), None);
        assert!(
            save.problem
                .as_deref()
                .unwrap_or_default()
                .contains("There is no folder")
        );
        let mut open = FileBox::new("Open", FileBoxKind::OpenMany, dir.path().to_path_buf());
        assert_eq!(open.confirm(), None);
        assert!(
            open.problem
                .as_deref()
                .unwrap_or_default()
                .contains("is a folder")
        );
        open.path_text = format!("{}\n", dir.path().join("gone.csv").display());
        assert_eq!(open.confirm(), None);
        assert!(
            open.problem
                .as_deref()
                .unwrap_or_default()
                .contains("There is no file")
        );
    }

    #[test]
    fn a_tilde_is_the_home_folder() {
        let home = Path::new("/home/ana");
        assert_eq!(expand("~/a.csv", Some(home)), home.join("a.csv"));
        assert_eq!(expand("b.csv", Some(home)), home.join("b.csv"));
        assert_eq!(
            expand("/tmp/c.csv", Some(home)),
            PathBuf::from("/tmp/c.csv")
        );
    }
}
