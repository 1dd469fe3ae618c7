//! Who can read an index and what reading it does: a query writes nothing and takes no lock,
//! works on a read-only file system, and an index is readable by whoever the umask lets read
//! it. A build syncs what it writes before it publishes.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::common::{founding_text, index, ressearch};

fn founding_index_in(dir: &Path) -> tempfile::TempDir {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("A_RES_75_272.txt"), founding_text()).unwrap();
    assert_eq!(index(&[corpus.path()], dir, &[]).code, 0);
    corpus
}

/// Every entry under `dir` with its size, mode and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, u32, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                stack.push(entry.path());
            }
            out.push((
                entry.path(),
                meta.len(),
                meta.permissions().mode(),
                meta.modified().unwrap(),
            ));
        }
    }
    out.sort();
    out
}

fn query_code(idx: &Path) -> (i32, String) {
    let out = ressearch()
        .args(["query", "Achgabat", "--index"])
        .arg(idx)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_query_writes_nothing_and_takes_no_lock() {
    let idx = tempfile::tempdir().unwrap();
    let _corpus = founding_index_in(idx.path());
    // Lock files a build's Tantivy writer leaves are not needed to read: remove them, so
    // that a query creating one would show.
    for entry in std::fs::read_dir(idx.path()).unwrap().flatten() {
        if entry.file_type().unwrap().is_dir() {
            for file in std::fs::read_dir(entry.path()).unwrap().flatten() {
                if file.file_name().to_string_lossy().ends_with(".lock") {
                    std::fs::remove_file(file.path()).unwrap();
                }
            }
        }
    }
    let before = snapshot(idx.path());
    for _ in 0..3 {
        assert_eq!(query_code(idx.path()).0, 0);
    }
    assert_eq!(snapshot(idx.path()), before);
}

#[test]
fn a_read_only_index_can_be_queried() {
    let idx = tempfile::tempdir().unwrap();
    let _corpus = founding_index_in(idx.path());
    let view = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["--bind"])
        .arg(idx.path())
        .arg(view.path())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if mounted {
        let unmount = || {
            let _ = std::process::Command::new("umount")
                .arg(view.path())
                .status();
        };
        let read_only = std::process::Command::new("mount")
            .args(["-o", "remount,bind,ro"])
            .arg(view.path())
            .status()
            .is_ok_and(|s| s.success());
        let writable = std::fs::write(view.path().join("probe"), "x").is_ok();
        let outcome = query_code(view.path());
        unmount();
        assert!(read_only && !writable, "the bind mount is not read-only");
        assert_eq!(outcome.0, 0, "{}", outcome.1);
        return;
    }
    // Not allowed to mount: take the write permission away instead (stops all but root).
    let set_mode = |mode: u32| {
        let mut stack = vec![idx.path().to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                if entry.file_type().unwrap().is_dir() {
                    stack.push(entry.path());
                }
            }
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    set_mode(0o555);
    let writable = std::fs::write(idx.path().join("probe"), "x").is_ok();
    let outcome = query_code(idx.path());
    set_mode(0o755);
    if writable {
        crate::common::skipped(format_args!(
            "SKIPPED: neither a read-only mount nor permissions can stop this user writing: \
             the read-only case did not run"
        ));
        return;
    }
    assert_eq!(outcome.0, 0, "{}", outcome.1);
}

/// Builds an index with the given umask; returns the modes of its files and folders.
fn modes_with_umask(umask: &str) -> (Vec<u32>, Vec<u32>) {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("A_RES_75_272.txt"), founding_text()).unwrap();
    let parent = tempfile::tempdir().unwrap();
    let idx = parent.path().join("index");
    let bin = assert_cmd::cargo::cargo_bin("ressearch");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask {umask} && exec \"$0\" index \"$1\" --index \"$2\""
        ))
        .arg(&bin)
        .arg(corpus.path())
        .arg(&idx)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let (mut files, mut dirs) = (Vec::new(), Vec::new());
    for (path, _, mode, _) in snapshot(&idx) {
        if path.is_dir() {
            dirs.push(mode & 0o777);
        } else {
            files.push(mode & 0o777);
        }
    }
    dirs.push(std::fs::metadata(&idx).unwrap().permissions().mode() & 0o777);
    files.sort();
    files.dedup();
    dirs.sort();
    dirs.dedup();
    (files, dirs)
}

#[test]
fn index_files_are_as_readable_as_the_umask_allows() {
    assert_eq!(modes_with_umask("022"), (vec![0o644], vec![0o755]));
    assert_eq!(modes_with_umask("077"), (vec![0o600], vec![0o700]));
}

#[test]
fn a_build_syncs_its_files_and_folders_before_and_after_publishing() {
    let strace = std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !strace {
        crate::common::skipped(format_args!(
            "SKIPPED: strace is not installed: the sync order was not checked"
        ));
        return;
    }
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("A_RES_75_272.txt"), founding_text()).unwrap();
    let parent = tempfile::tempdir().unwrap();
    let idx = parent.path().join("index");
    let log = parent.path().join("trace");
    let out = std::process::Command::new("strace")
        .args([
            "-f",
            "-y",
            "-e",
            "trace=fsync,fdatasync,rename,renameat,renameat2",
            "-o",
        ])
        .arg(&log)
        .arg(assert_cmd::cargo::cargo_bin("ressearch"))
        .arg("index")
        .arg(corpus.path())
        .arg("--index")
        .arg(&idx)
        .output()
        .unwrap();
    if !out.status.success() {
        crate::common::skipped(format_args!(
            "SKIPPED: strace cannot trace here ({}): the sync order was not checked",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
        return;
    }
    let trace = std::fs::read_to_string(&log).unwrap();
    let line_of = |pattern: &dyn Fn(&str) -> bool, what: &str| -> usize {
        trace
            .lines()
            .position(pattern)
            .unwrap_or_else(|| panic!("no {what} in the trace:\n{trace}"))
    };
    let synced =
        |name: &'static str| move |l: &str| l.contains("fsync(") && l.contains(&format!("{name}>"));
    let files = line_of(&synced("files.json"), "fsync of files.json");
    let meta = line_of(&synced("ressearch.json"), "fsync of ressearch.json");
    let tmp = line_of(&synced("CURRENT.tmp"), "fsync of CURRENT.tmp");
    let rename = line_of(
        &|l: &str| l.contains("rename") && l.contains("CURRENT"),
        "rename",
    );
    // The generation folder (its new entries), before the rename.
    let generation = line_of(
        &|l: &str| {
            l.contains("fsync(")
                && l.split('<').nth(1).is_some_and(|path| {
                    let path = path.split('>').next().unwrap_or("");
                    path.rsplit('/')
                        .next()
                        .unwrap_or("")
                        .starts_with("ressearch-gen-")
                })
        },
        "fsync of the generation folder",
    );
    // The index folder (the rename itself), after it.
    let folder = format!("{}>", idx.display());
    let after_rename = trace
        .lines()
        .skip(rename)
        .any(|l| l.contains("fsync(") && l.contains(&folder));
    assert!(
        files < tmp && meta < tmp && generation < rename && tmp < rename,
        "{trace}"
    );
    assert!(
        after_rename,
        "no fsync of the index folder after the rename:\n{trace}"
    );
}
