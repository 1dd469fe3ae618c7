//! Damaged indexes and full disks: a clear error naming the problem and the fix, never a
//! panic, a hang or Tantivy's internals; the previous index kept; leftovers never wedging the
//! next build.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{self, founding_as, founding_text, index, ressearch};

const HINT: &str = "is damaged: rebuild it with `ressearch index --rebuild`";

/// A fresh index of the founding resolution, and its live generation folder.
fn founding_copy() -> (tempfile::TempDir, tempfile::TempDir, PathBuf) {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("A_RES_75_272.txt"), founding_text()).unwrap();
    let idx = tempfile::tempdir().unwrap();
    assert_eq!(index(&[corpus.path()], idx.path(), &[]).code, 0);
    let live = live_generation(idx.path());
    (corpus, idx, live)
}

fn live_generation(idx: &Path) -> PathBuf {
    let current = std::fs::read_to_string(idx.join("CURRENT")).unwrap();
    idx.join(current.lines().next().unwrap())
}

fn files_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}

/// A query's exit code and standard error; never a panic, never Tantivy's debugging dumps.
fn query(idx: &Path, args: &[&str]) -> (i32, String) {
    let out = ressearch()
        .arg("query")
        .args(args)
        .arg("--index")
        .arg(idx)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(!stderr.contains("IoError {"), "{args:?}: {stderr}");
    let code = out.status.code().expect("the query ended by itself");
    assert!((0..=2).contains(&code), "{args:?}: exit {code}: {stderr}");
    if code == 2 {
        assert!(stderr.contains(HINT), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    (code, stderr)
}

#[test]
fn a_flipped_byte_anywhere_in_a_fast_field_file_never_crashes_a_query() {
    let (_corpus, idx, live) = founding_copy();
    let fast = files_ending(&live, ".fast");
    assert!(!fast.is_empty());
    let original = std::fs::read(&fast[0]).unwrap();
    let mut counts = [0usize; 3];
    let mut checksums = 0;
    for at in 0..original.len() {
        let mut bytes = original.clone();
        bytes[at] ^= 0xFF;
        std::fs::write(&fast[0], &bytes).unwrap();
        // `session:` reads the fast field: Tantivy panicked on some of these bytes.
        let (code, stderr) = query(idx.path(), &["session:75 paix"]);
        counts[code as usize] += 1;
        checksums += usize::from(stderr.contains("checksum mismatch in"));
    }
    std::fs::write(&fast[0], &original).unwrap();
    eprintln!(
        "{} flips of {}: {} answered, {} found nothing, {} said damaged ({checksums} naming the file)",
        original.len(),
        fast[0].file_name().unwrap().to_string_lossy(),
        counts[0],
        counts[1],
        counts[2]
    );
    assert!(counts[2] > 0, "no flip was noticed: {counts:?}");
    assert_eq!(query(idx.path(), &["session:75 paix"]).0, 0);
}

/// A way of damaging a generation's files.
type Damage = fn(&Path);

#[test]
fn missing_truncated_or_garbled_files_say_damaged_and_a_rebuild_repairs() {
    let cases: [(&str, Damage); 6] = [
        (".store truncated", |live| {
            let store = &files_ending(live, ".store")[0];
            let bytes = std::fs::read(store).unwrap();
            std::fs::write(store, &bytes[..bytes.len() / 2]).unwrap();
        }),
        (".idx removed", |live| {
            std::fs::remove_file(&files_ending(live, ".idx")[0]).unwrap()
        }),
        (".term emptied", |live| {
            std::fs::write(&files_ending(live, ".term")[0], b"").unwrap()
        }),
        ("meta.json garbled", |live| {
            std::fs::write(live.join("meta.json"), b"{\"segments\": [").unwrap()
        }),
        ("ressearch.json removed", |live| {
            std::fs::remove_file(live.join("ressearch.json")).unwrap()
        }),
        ("generation removed", |live| {
            std::fs::remove_dir_all(live).unwrap()
        }),
    ];
    for (what, damage) in cases {
        let (corpus, idx, live) = founding_copy();
        damage(&live);
        let (code, stderr) = query(idx.path(), &["Achgabat"]);
        assert_eq!(code, 2, "{what}: {stderr}");
        // An update notices the damage and builds afresh; so does --rebuild.
        let run = index(&[corpus.path()], idx.path(), &[]);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert_eq!(query(idx.path(), &["Achgabat"]).0, 0, "{what}");
        damage(&live_generation(idx.path()));
        assert_eq!(index(&[corpus.path()], idx.path(), &["--rebuild"]).code, 0);
        assert_eq!(query(idx.path(), &["Achgabat"]).0, 0, "{what}");
    }
}

#[test]
fn a_current_file_that_is_a_pipe_a_device_or_garbage_is_refused_at_once() {
    for what in ["fifo", "device", "garbage", "huge"] {
        let (corpus, idx, _live) = founding_copy();
        let current = idx.path().join("CURRENT");
        std::fs::remove_file(&current).unwrap();
        match what {
            "fifo" => assert!(
                std::process::Command::new("mkfifo")
                    .arg(&current)
                    .status()
                    .unwrap()
                    .success()
            ),
            "device" => std::os::unix::fs::symlink("/dev/zero", &current).unwrap(),
            "garbage" => std::fs::write(&current, "../../etc/passwd").unwrap(),
            _ => std::fs::write(&current, "ressearch-gen-1-1\n".repeat(100_000)).unwrap(),
        }
        let (code, stderr) = query(idx.path(), &["Achgabat"]);
        assert_eq!(code, 2, "{what}: {stderr}");
        assert!(stderr.contains("CURRENT"), "{what}: {stderr}");
        // A build replaces it.
        let run = index(&[corpus.path()], idx.path(), &[]);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert_eq!(query(idx.path(), &["Achgabat"]).0, 0, "{what}");
    }
}

/// A small tmpfs mounted for the test, unmounted when dropped; `None` (with a visible message)
/// where mounting is not allowed.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            crate::common::skipped(format_args!(
                "SKIPPED: cannot mount a tmpfs (the test needs root with mount rights): the \
                 full-disk case did not run"
            ));
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[test]
fn a_full_disk_fails_cleanly_and_leftovers_never_wedge_the_next_build() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let Some(disk) = Tmpfs::mount("4m") else {
        return;
    };
    let idx = disk.path().join("index");
    let small = tempfile::tempdir().unwrap();
    std::fs::write(small.path().join("300.txt"), founding_as(300)).unwrap();
    assert_eq!(index(&[small.path()], &idx, &[]).code, 0);

    // The General Assembly texts need about 11 MB of index: the disk fills up.
    let en = shared.join("en/ga");
    let run = index(&[&en], &idx, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("No space left on device")
            && run.stderr.contains(&idx.display().to_string())
            && run.stderr.contains("the previous index is unchanged"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert_eq!(query(&idx, &["Achgabat"]).0, 0);

    // A build killed while writing leaves a generation behind; say it filled the disk.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ressearch"))
        .args(["index", "--index"])
        .arg(&idx)
        .arg(&en)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let leftover = loop {
        let current = std::fs::read_to_string(idx.join("CURRENT")).unwrap();
        // A generation of the running build, once it carries its mark.
        let found = std::fs::read_dir(&idx).unwrap().flatten().find(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("ressearch-gen-")
                && !current.contains(&name)
                && e.path().join("ressearch-generation").exists()
        });
        if let Some(found) = found {
            break found.path();
        }
        assert!(child.try_wait().unwrap().is_none(), "the build ended first");
        std::thread::sleep(Duration::from_millis(2));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    if leftover.exists() {
        let filler = std::fs::File::create(leftover.join("filler")).unwrap();
        let mut filler = std::io::BufWriter::new(filler);
        let block = vec![0u8; 64 * 1024];
        while std::io::Write::write_all(&mut filler, &block).is_ok() {}
    } else {
        eprintln!("NOTE: the killed build had not left its generation yet");
    }
    let run = index(&[small.path()], &idx, &["--rebuild"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!leftover.exists());
    assert_eq!(query(&idx, &["Achgabat"]).0, 0);
}
