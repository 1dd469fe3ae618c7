//! The command line's own documentation: `completions` writes shell completion scripts and
//! `man` manual pages, both generated from the definition of the command line in [`super::Opts`],
//! so that they never lag behind it.

use std::io::Write;

use clap::{Args, CommandFactory, ValueEnum};

use super::Opts;

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  ressearch completions bash > ~/.local/share/bash-completion/completions/ressearch
  ressearch completions zsh > ~/.zfunc/_ressearch      (with fpath+=~/.zfunc)
  ressearch completions fish > ~/.config/fish/completions/ressearch.fish
  ressearch completions powershell >> $PROFILE";

const MAN_EXAMPLES: &str = "\
Examples:
  ressearch man | man -l -
  ressearch man query | man -l -
  ressearch man > ~/.local/share/man/man1/ressearch.1";

/// The shells `ressearch completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    #[value(name = "powershell")]
    PowerShell,
    Elvish,
}

/// Print a shell completion script on standard output.
#[derive(Debug, Args)]
#[command(after_help = COMPLETIONS_EXAMPLES)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print a manual page (roff) on standard output.
#[derive(Debug, Args)]
#[command(after_help = MAN_EXAMPLES)]
pub struct ManArgs {
    /// The command whose page to print [default: the page of ressearch itself].
    #[arg(value_parser = CommandName)]
    pub command: Option<String>,
}

/// The name of a subcommand, for `ressearch man`: the choices are read from the command line's
/// definition when needed (help, completions, parsing), so a new command is one of them.
#[derive(Debug, Clone, Copy)]
struct CommandName;

impl clap::builder::TypedValueParser for CommandName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let names = Opts::command()
            .get_subcommands()
            .map(|sub| sub.get_name().to_string())
            .collect::<Vec<_>>();
        clap::builder::PossibleValuesParser::new(names).parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let names = Opts::command()
            .get_subcommands()
            .map(|sub| clap::builder::PossibleValue::new(sub.get_name().to_string()))
            .collect::<Vec<_>>();
        Some(Box::new(names.into_iter()))
    }
}

/// Writes the completion script of `ressearch` for `shell`.
pub fn write_completions(shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::PowerShell => S::PowerShell,
        Shell::Elvish => S::Elvish,
    };
    // Generated in memory: the generator panics on a write error, such as a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Opts::command(), "ressearch", &mut script);
    out.write_all(&script)
}

/// Writes the manual page of `ressearch`, or of one of its commands (`ressearch-query(1)`), in
/// roff: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, COMMANDS, then EXIT STATUS, ENVIRONMENT and
/// FILES for the main page, and EXAMPLES.
pub fn write_man_page(command: Option<&str>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut root = Opts::command();
    root.build();
    let page = match command {
        None => root,
        Some(name) => {
            let Some(sub) = root.find_subcommand(name) else {
                let names: Vec<&str> = root.get_subcommands().map(|sub| sub.get_name()).collect();
                return Err(std::io::Error::other(format!(
                    "no command {name:?}; the commands are {}",
                    names.join(", ")
                )));
            };
            sub.clone()
                .display_name(format!("ressearch-{name}"))
                .bin_name(format!("ressearch {name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    // Each command's examples are its `after_help`.
    let examples = page
        .get_after_help()
        .map(ToString::to_string)
        .unwrap_or_default();
    let man = clap_mangen::Man::new(page.clone());
    // The title line written here: clap_mangen leaves an empty date unquoted, which shifts the
    // fields after it.
    writeln!(
        out,
        ".TH \"{}\" 1 \"\" \"ressearch {}\" \"ressearch manual\"",
        page.get_display_name().unwrap_or("ressearch"),
        env!("CARGO_PKG_VERSION")
    )?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    if page.has_subcommands() {
        man.render_subcommands_section(out)?;
    }
    if command.is_none() {
        roff_section(out, "EXIT STATUS", EXIT_STATUS)?;
        roff_section(out, "ENVIRONMENT", ENVIRONMENT)?;
        roff_section(out, "FILES", FILES)?;
    }
    let examples = examples.strip_prefix("Examples:\n").unwrap_or(&examples);
    writeln!(out, ".SH EXAMPLES")?;
    writeln!(out, ".nf")?;
    for line in examples.lines() {
        writeln!(out, "{}", roff_escape(line.trim_start()))?;
    }
    writeln!(out, ".fi")?;
    man.render_version_section(out)
}

const EXIT_STATUS: &str = "\
0: something was found (query), or the work was done (index, even with files skipped; segment, synth, bench).
1: nothing matched (query); with index --strict, some file was skipped.
2: an error, said in one line on standard error: ressearch: <file or argument>: <reason>.
A closed output pipe (ressearch query … | head -1) ends the run quietly with code 0.";

const ENVIRONMENT: &str = "\
RESSEARCH_INDEX: the index folder, when --index is not given.
XDG_DATA_HOME: the index defaults to $XDG_DATA_HOME/ressearch/index when ./index does not exist (else ~/.local/share/ressearch/index).
NO_COLOR: when set and not empty, --color auto prints no colour.
RESSEARCH_PROGRESS_DELAY_MS: how long index and synth run before a progress bar appears on a terminal (default 1000).";

const FILES: &str = "\
./index: the index, when that folder exists and neither --index nor RESSEARCH_INDEX is given.
~/.local/share/ressearch/index: the index otherwise.";

/// A section of plain paragraphs, one a line.
fn roff_section(out: &mut dyn Write, title: &str, text: &str) -> std::io::Result<()> {
    writeln!(out, ".SH \"{title}\"")?;
    for line in text.lines() {
        writeln!(out, ".PP")?;
        writeln!(out, "{}", roff_escape(line))?;
    }
    Ok(())
}

/// A line of text safe in roff: backslashes escaped, hyphens as minus signs (so that options
/// copy and paste), characters past ASCII named (`\[u00E9]`: roff reads bytes, not UTF-8),
/// and no leading `.` or `'`, which would start a request.
fn roff_escape(line: &str) -> String {
    let mut escaped = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\\' => escaped.push_str("\\e"),
            '-' => escaped.push_str("\\-"),
            c if c.is_ascii() => escaped.push(c),
            c => escaped.push_str(&format!("\\[u{:04X}]", u32::from(c))),
        }
    }
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
