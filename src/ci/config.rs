//! Configuration: `claimscan.toml` as written ([`Options`]) plus command-line
//! flags ([`Overrides`]) → a [`Config`] that [`crate::Settings::from_config`]
//! resolves into a [`Policy`] once, against the loaded rules.
//!
//! Precedence, lowest first: built-in defaults, the config file (the one
//! named by `--config`, else the nearest `claimscan.toml` searching upward
//! from the current folder, unless `--isolated`), then command-line flags.
//! Every key is optional; an unknown key or a bad value is a [`ConfigError`]
//! naming `file:line:column`, as lexicon errors do.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::ConfigError;
use crate::pipeline::lexicon::Label;
use crate::severity::Severity;

/// The config file's name, searched for upward from the current folder.
pub const FILE_NAME: &str = "claimscan.toml";

/// The extensions read when walking a folder and no `include` is set.
pub const DEFAULT_INCLUDE: &[&str] = &["*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm"];

/// The severity key for an absolute claim in a unit that cites a source
/// (the `absolute` key covers unsourced ones).
pub const CITED_ABSOLUTE: &str = "cited-absolute";

/// The config file's shape. Values keep their spans so a bad one can be
/// reported at its line and column after the rules are loaded.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Only these rules (ids, names or labels) report findings.
    pub select: Option<Vec<Spanned<String>>>,
    /// These rules (ids, names or labels) never report findings.
    pub ignore: Option<Vec<Spanned<String>>>,
    /// Severity per label, `cited-absolute`, rule id or rule name.
    pub severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    /// The lowest severity that makes the exit code 1 (or `never`).
    pub fail_on: Option<Spanned<String>>,
    /// Globs of files to read when walking a folder (replaces the default
    /// extensions).
    pub include: Option<Vec<Spanned<String>>>,
    /// Globs of files and folders to skip when walking a folder.
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Extra lexicon folders, relative to the config file.
    pub extend_lexicons: Option<Vec<Spanned<String>>>,
}

/// Values given on the command line; they win over the config file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--config FILE`: use this file instead of searching.
    pub config: Option<PathBuf>,
    /// `--isolated`: use no config file at all.
    pub isolated: bool,
    /// `--select`: replaces the file's `select`.
    pub select: Option<Vec<String>>,
    /// `--ignore`: added to the file's `ignore`.
    pub ignore: Vec<String>,
    /// `--fail-on`: replaces the file's `fail-on`.
    pub fail_on: Option<String>,
    /// `--exclude`: added to the file's `exclude`.
    pub exclude: Vec<String>,
    /// `--lexicon DIR`: added after the file's `extend-lexicons`.
    pub lexicons: Vec<PathBuf>,
}

/// The config file that was read.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub text: String,
}

/// The file's options and the command line's, before resolution.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file read, if any.
    pub file: Option<ConfigFile>,
    pub options: Options,
    pub overrides: Overrides,
    /// The folder relative paths and globs are taken from: the config
    /// file's folder, or the current folder when there is none.
    pub base: PathBuf,
}

/// Where a value came from, for error messages.
#[derive(Debug, Clone, Copy)]
enum Origin<'a> {
    File(&'a ConfigFile, usize),
    Flag(&'static str),
}

impl Config {
    /// Built-in defaults only (what `--isolated` with no flags gives).
    pub fn isolated() -> Config {
        Config {
            file: None,
            options: Options::default(),
            overrides: Overrides::default(),
            base: PathBuf::from("."),
        }
    }

    /// Reads the config file named by `--config`, or the nearest one above
    /// `cwd` unless `--isolated`, and keeps the flags beside it.
    pub fn load(overrides: Overrides, cwd: &Path) -> Result<Config, ConfigError> {
        if overrides.isolated && overrides.config.is_some() {
            return Err(ConfigError::Flag {
                flag: "--isolated",
                message: "cannot be used with --config; pick one".into(),
            });
        }
        let path = match &overrides.config {
            Some(p) => Some(p.clone()),
            None if overrides.isolated => None,
            None => discover(cwd),
        };
        let Some(path) = path else {
            return Ok(Config {
                file: None,
                options: Options::default(),
                overrides,
                base: cwd.to_path_buf(),
            });
        };
        let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::Io {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let options = parse(&path, &text)?;
        let base = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(dir) => cwd.join(dir),
            None => cwd.to_path_buf(),
        };
        Ok(Config {
            file: Some(ConfigFile { path, text }),
            options,
            overrides,
            base,
        })
    }

    /// The lexicon folders to load after the built-in ones: the file's
    /// `extend-lexicons` (relative to the file), then `--lexicon` flags.
    pub fn lexicon_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self
            .options
            .extend_lexicons
            .iter()
            .flatten()
            .map(|d| self.base.join(d.get_ref()))
            .collect();
        dirs.extend(self.overrides.lexicons.iter().cloned());
        dirs
    }

    fn origin(&self, span: std::ops::Range<usize>) -> Origin<'_> {
        match &self.file {
            Some(f) => Origin::File(f, span.start),
            None => Origin::Flag("config"),
        }
    }

    fn error(&self, at: Origin<'_>, message: String) -> ConfigError {
        match at {
            Origin::File(f, offset) => {
                let (line, column) = crate::pipeline::lexicon::load::line_col(&f.text, offset);
                ConfigError::At {
                    path: f.path.display().to_string(),
                    line,
                    column,
                    message,
                }
            }
            Origin::Flag(flag) => ConfigError::Flag { flag, message },
        }
    }
}

/// The nearest `claimscan.toml` in `start` or a folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Parses a config file's text. Errors name `path:line:column`.
pub fn parse(path: &Path, text: &str) -> Result<Options, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let (line, column) = crate::pipeline::lexicon::load::line_col(text, offset);
        ConfigError::At {
            path: path.display().to_string(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })
}

/// A severity as configured: a level, or `off` (the rule is disabled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    At(Severity),
}

impl Level {
    fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            "info" => Some(Level::At(Severity::Info)),
            "note" => Some(Level::At(Severity::Note)),
            "warning" => Some(Level::At(Severity::Warning)),
            "error" => Some(Level::At(Severity::Error)),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::At(s) => s.as_str(),
        }
    }
}

/// Parses a `fail-on` value: a severity, or `never`.
pub fn parse_fail_on(s: &str) -> Option<Option<Severity>> {
    match s {
        "never" => Some(None),
        other => match Level::parse(other) {
            Some(Level::At(sev)) => Some(Some(sev)),
            _ => None,
        },
    }
}

/// A rule the policy can name: its id, name, and label (none for the
/// suppression rules).
#[derive(Debug, Clone)]
pub struct RuleKey {
    pub id: String,
    pub name: String,
    pub label: Option<Label>,
}

/// Ids and names of rules that cannot be configured (context rules, which
/// remove labels rather than give them).
#[derive(Debug, Clone, Copy)]
pub struct FixedRule {
    pub id: &'static str,
    pub name: &'static str,
}

/// The resolved options: which rules report, at what severity, what fails
/// the run, and which files a folder walk reads.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Rule ids that report nothing.
    pub disabled: BTreeSet<String>,
    /// Severity per rule id (from a rule key).
    pub rule_severity: BTreeMap<String, Severity>,
    /// Severity per label (`absolute` covers unsourced absolute claims).
    pub label_severity: BTreeMap<Label, Severity>,
    /// Severity of an absolute claim in a cited unit, when configured.
    pub cited_absolute: Option<Severity>,
    /// The lowest severity that fails the run; `None`: never.
    pub fail_on: Option<Severity>,
    /// Include globs (`None`: the default extensions).
    pub include: Option<Vec<String>>,
    /// Exclude globs.
    pub exclude: Vec<String>,
    /// The folder globs are relative to.
    pub base: PathBuf,
    /// The lexicon folders loaded.
    pub lexicon_dirs: Vec<PathBuf>,
    /// The config file read, if any.
    pub file: Option<PathBuf>,
    /// Values as configured, for `claimscan config`.
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    severity_keys: BTreeMap<String, Level>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            disabled: BTreeSet::new(),
            rule_severity: BTreeMap::new(),
            label_severity: BTreeMap::new(),
            cited_absolute: None,
            fail_on: Some(Severity::Warning),
            include: None,
            exclude: Vec::new(),
            base: PathBuf::from("."),
            lexicon_dirs: Vec::new(),
            file: None,
            select: None,
            ignore: Vec::new(),
            severity_keys: BTreeMap::new(),
        }
    }
}

impl Policy {
    /// Resolves a config against the loaded rules. `fixed` are rules that
    /// exist but cannot be selected, ignored or given a severity.
    pub fn resolve(
        config: &Config,
        rules: &[RuleKey],
        fixed: &[FixedRule],
    ) -> Result<Policy, ConfigError> {
        let lookup = |key: &str, at: Origin<'_>| -> Result<Vec<String>, ConfigError> {
            resolve_key(key, rules, fixed).map_err(|m| config.error(at, m))
        };
        let opts = &config.options;
        let ov = &config.overrides;

        // select: the flag replaces the file's list.
        let mut select_keys: Option<Vec<String>> = None;
        let mut selected: Option<BTreeSet<String>> = None;
        if let Some(keys) = &ov.select {
            let mut set = BTreeSet::new();
            for k in keys {
                set.extend(lookup(k, Origin::Flag("--select"))?);
            }
            select_keys = Some(keys.clone());
            selected = Some(set);
        } else if let Some(keys) = &opts.select {
            let mut set = BTreeSet::new();
            for k in keys {
                set.extend(lookup(k.get_ref(), config.origin(k.span()))?);
            }
            select_keys = Some(keys.iter().map(|k| k.get_ref().clone()).collect());
            selected = Some(set);
        }

        // ignore: the flag adds to the file's list.
        let mut ignored = BTreeSet::new();
        let mut ignore_keys = Vec::new();
        for k in opts.ignore.iter().flatten() {
            ignored.extend(lookup(k.get_ref(), config.origin(k.span()))?);
            ignore_keys.push(k.get_ref().clone());
        }
        for k in &ov.ignore {
            ignored.extend(lookup(k, Origin::Flag("--ignore"))?);
            ignore_keys.push(k.clone());
        }

        let mut policy = Policy {
            select: select_keys,
            ignore: ignore_keys,
            ..Policy::default()
        };

        // severity: labels and cited-absolute first, then rules, so a rule's
        // own entry wins whatever the order in the file.
        let mut off = BTreeSet::new();
        for (key, value) in opts.severity.iter().flatten() {
            let level = Level::parse(value.get_ref()).ok_or_else(|| {
                config.error(
                    config.origin(value.span()),
                    format!(
                        "bad severity `{}` for `{}`; expected one of error, warning, note, info, off",
                        value.get_ref(),
                        key.get_ref()
                    ),
                )
            })?;
            policy.severity_keys.insert(key.get_ref().clone(), level);
            let k = key.get_ref().as_str();
            if k == CITED_ABSOLUTE {
                match level {
                    Level::At(s) => policy.cited_absolute = Some(s),
                    Level::Off => {
                        return Err(config.error(
                            config.origin(key.span()),
                            format!("`{CITED_ABSOLUTE}` cannot be off (it is not a rule); use note or info to keep it quiet"),
                        ))
                    }
                }
            } else if let Some(label) = Label::parse(k) {
                match level {
                    Level::At(s) => {
                        policy.label_severity.insert(label, s);
                    }
                    Level::Off => {
                        off.extend(lookup(k, config.origin(key.span()))?);
                    }
                }
            }
        }
        for (key, value) in opts.severity.iter().flatten() {
            let k = key.get_ref().as_str();
            if k == CITED_ABSOLUTE || Label::parse(k).is_some() {
                continue;
            }
            let Some(level) = Level::parse(value.get_ref()) else {
                continue;
            };
            for id in lookup(k, config.origin(key.span()))? {
                match level {
                    Level::At(s) => {
                        off.remove(&id);
                        policy.rule_severity.insert(id, s);
                    }
                    Level::Off => {
                        off.insert(id);
                    }
                }
            }
        }

        for r in rules {
            let not_selected = selected.as_ref().is_some_and(|s| !s.contains(&r.id));
            if not_selected || ignored.contains(&r.id) || off.contains(&r.id) {
                policy.disabled.insert(r.id.clone());
            }
        }

        // fail-on
        if let Some(v) = &ov.fail_on {
            policy.fail_on = parse_fail_on(v).ok_or_else(|| ConfigError::Flag {
                flag: "--fail-on",
                message: format!(
                    "bad value `{v}`; expected one of error, warning, note, info, never"
                ),
            })?;
        } else if let Some(v) = &opts.fail_on {
            policy.fail_on = parse_fail_on(v.get_ref()).ok_or_else(|| {
                config.error(
                    config.origin(v.span()),
                    format!(
                        "bad fail-on `{}`; expected one of error, warning, note, info, never",
                        v.get_ref()
                    ),
                )
            })?;
        }

        // files
        let check_glob = |g: &str, at: Origin<'_>| -> Result<String, ConfigError> {
            ignore::gitignore::GitignoreBuilder::new(&config.base)
                .add_line(None, g)
                .map(|_| g.to_string())
                .map_err(|e| config.error(at, format!("bad glob `{g}`: {e}")))
        };
        if let Some(globs) = &opts.include {
            let mut out = Vec::new();
            for g in globs {
                out.push(check_glob(g.get_ref(), config.origin(g.span()))?);
            }
            policy.include = Some(out);
        }
        for g in opts.exclude.iter().flatten() {
            policy
                .exclude
                .push(check_glob(g.get_ref(), config.origin(g.span()))?);
        }
        for g in &ov.exclude {
            policy
                .exclude
                .push(check_glob(g, Origin::Flag("--exclude"))?);
        }
        policy.base = config.base.clone();
        policy.lexicon_dirs = config.lexicon_dirs();
        policy.file = config.file.as_ref().map(|f| f.path.clone());
        Ok(policy)
    }

    /// Whether a rule reports findings.
    pub fn enabled(&self, id: &str) -> bool {
        !self.disabled.contains(id)
    }

    /// The merged configuration as a config file (what `claimscan config`
    /// prints): feeding it back with `--config` gives the same policy.
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct Dump<'a> {
            fail_on: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            select: Option<&'a [String]>,
            ignore: &'a [String],
            include: Vec<String>,
            exclude: &'a [String],
            extend_lexicons: Vec<String>,
            severity: BTreeMap<String, &'a str>,
        }
        let mut severity: BTreeMap<String, &str> = BTreeMap::new();
        for l in Label::ALL {
            let default = crate::severity::default_for(l, &[l]);
            let s = self.label_severity.get(&l).copied().unwrap_or(default);
            severity.insert(l.as_str().to_string(), s.as_str());
        }
        severity.insert(
            CITED_ABSOLUTE.to_string(),
            self.cited_absolute.unwrap_or(Severity::Note).as_str(),
        );
        for (k, v) in &self.severity_keys {
            severity.insert(k.clone(), v.as_str());
        }
        let dump = Dump {
            fail_on: self.fail_on.map_or("never", Severity::as_str),
            select: self.select.as_deref(),
            ignore: &self.ignore,
            include: self
                .include
                .clone()
                .unwrap_or_else(|| DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect()),
            exclude: &self.exclude,
            extend_lexicons: self
                .lexicon_dirs
                .iter()
                .map(|d| d.display().to_string())
                .collect(),
            severity,
        };
        let source = match &self.file {
            Some(p) => format!("built-in defaults < {} < command line", p.display()),
            None => "built-in defaults < command line (no config file)".to_string(),
        };
        let disabled = if self.disabled.is_empty() {
            "none".to_string()
        } else {
            self.disabled.iter().cloned().collect::<Vec<_>>().join(", ")
        };
        let body = toml::to_string_pretty(&dump).unwrap_or_default();
        format!(
            "# claimscan configuration, merged: {source}\n# disabled rules: {disabled}\n\n{body}"
        )
    }
}

/// Resolves a key (rule id, rule name or label) to rule ids, or says why
/// it names none.
pub fn resolve_key(
    key: &str,
    rules: &[RuleKey],
    fixed: &[FixedRule],
) -> Result<Vec<String>, String> {
    let key = key.trim();
    if let Some(label) = Label::parse(key) {
        return Ok(rules
            .iter()
            .filter(|r| r.label == Some(label))
            .map(|r| r.id.clone())
            .collect());
    }
    if let Some(r) = rules
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(key) || r.name == key)
    {
        return Ok(vec![r.id.clone()]);
    }
    if let Some(f) = fixed
        .iter()
        .find(|f| f.id.eq_ignore_ascii_case(key) || f.name == key)
    {
        return Err(format!(
            "{} {} is a context rule: it removes labels rather than giving them, so it cannot be selected, ignored or given a severity",
            f.id, f.name
        ));
    }
    Err(format!(
        "unknown rule `{key}`; give a rule id (A101), a rule name (certainty-booster) or a label (absolute, cited, hedged, vague); `claimscan rules` lists them"
    ))
}

/// The commented starter file `claimscan init` writes.
pub const STARTER: &str = r#"# claimscan configuration. Every key is optional; `claimscan config` prints
# the merged result (built-in defaults < this file < command-line flags).

# The lowest severity that makes `claimscan check` exit with 1:
# error, warning (the default), note, info, or never.
# fail-on = "warning"

# Report only these rules (ids, names or labels); the default is every rule.
# select = ["absolute", "vague"]

# Never report these rules (ids, names or labels).
# ignore = ["H101"]

# Files to read when walking a folder (gitignore-style globs, relative to
# this file); the default is the extensions claimscan reads.
# include = ["*.md", "*.html"]

# Files and folders to skip when walking a folder.
# exclude = ["drafts/", "archive/**/*.md"]

# House lexicon folders (relative to this file); entries add to or override
# the built-in ones by id.
# extend-lexicons = ["lexicons/house"]

# Severity per label, per rule (id or name), or for an absolute claim in a
# unit that also cites a source (`cited-absolute`). Levels: error, warning,
# note, info, or off (the rule reports nothing). A rule's own entry wins
# over its label's.
[severity]
# absolute = "warning"        # an unsourced absolute claim
# cited-absolute = "note"
# vague = "warning"
# hedged = "info"
# cited = "info"
# A104 = "error"              # cure claims block the merge
# unused-suppression = "note"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<RuleKey> {
        vec![
            RuleKey {
                id: "A101".into(),
                name: "certainty-booster".into(),
                label: Some(Label::Absolute),
            },
            RuleKey {
                id: "V101".into(),
                name: "research-shows".into(),
                label: Some(Label::Vague),
            },
            RuleKey {
                id: "H101".into(),
                name: "modal-hedge".into(),
                label: Some(Label::Hedged),
            },
            RuleKey {
                id: "S101".into(),
                name: "unused-suppression".into(),
                label: None,
            },
        ]
    }

    const FIXED: &[FixedRule] = &[FixedRule {
        id: "A901",
        name: "negated-absolute",
    }];

    fn config(text: &str, overrides: Overrides) -> Result<Config, ConfigError> {
        let options = parse(Path::new("claimscan.toml"), text)?;
        Ok(Config {
            file: Some(ConfigFile {
                path: PathBuf::from("claimscan.toml"),
                text: text.to_string(),
            }),
            options,
            overrides,
            base: PathBuf::from("/proj"),
        })
    }

    fn policy(text: &str, overrides: Overrides) -> Result<Policy, ConfigError> {
        Policy::resolve(&config(text, overrides)?, &rules(), FIXED)
    }

    #[test]
    fn empty_file_gives_defaults() {
        let p = policy("", Overrides::default()).unwrap();
        assert!(p.disabled.is_empty());
        assert_eq!(p.fail_on, Some(Severity::Warning));
    }

    #[test]
    fn select_ignore_and_severity_resolve_ids_names_and_labels() {
        let p = policy(
            "select = [\"absolute\", \"research-shows\", \"H101\"]\nignore = [\"modal-hedge\"]\n[severity]\nvague = \"error\"\nA101 = \"off\"\n",
            Overrides::default(),
        )
        .unwrap();
        assert_eq!(
            p.disabled.iter().cloned().collect::<Vec<_>>(),
            ["A101", "H101", "S101"]
        );
        assert_eq!(p.label_severity.get(&Label::Vague), Some(&Severity::Error));
    }

    #[test]
    fn a_rule_entry_beats_its_label_whatever_the_order() {
        let p = policy(
            "[severity]\nA101 = \"error\"\nabsolute = \"off\"\n",
            Overrides::default(),
        )
        .unwrap();
        assert!(p.enabled("A101"));
        assert_eq!(p.rule_severity.get("A101"), Some(&Severity::Error));
    }

    #[test]
    fn flags_beat_the_file() {
        let over = Overrides {
            select: Some(vec!["V101".into()]),
            ignore: vec!["S101".into()],
            fail_on: Some("error".into()),
            ..Overrides::default()
        };
        let p = policy("select = [\"A101\"]\nfail-on = \"note\"\n", over).unwrap();
        assert!(p.enabled("V101") && !p.enabled("A101") && !p.enabled("S101"));
        assert_eq!(p.fail_on, Some(Severity::Error));
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let err = policy("fail-on = \"error\"\n\nfial-on = 1\n", Overrides::default()).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("claimscan.toml:3:1: unknown field `fial-on`"),
            "{msg}"
        );
    }

    #[test]
    fn bad_values_name_line_and_column() {
        let err = policy("[severity]\nvague = \"loud\"\n", Overrides::default()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("claimscan.toml:2:9: bad severity `loud`"),
            "{err}"
        );
        let err = policy(
            "ignore = [\n  \"A101\",\n  \"A999\",\n]\n",
            Overrides::default(),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("claimscan.toml:3:3: unknown rule `A999`"),
            "{err}"
        );
        let err = policy("fail-on = \"sometimes\"\n", Overrides::default()).unwrap_err();
        assert!(err.to_string().starts_with("claimscan.toml:1:11:"), "{err}");
        let err = policy("select = \"A101\"\n", Overrides::default()).unwrap_err();
        assert!(err.to_string().starts_with("claimscan.toml:1:10:"), "{err}");
        let err = policy("ignore = [\"negated-absolute\"]\n", Overrides::default()).unwrap_err();
        assert!(err.to_string().contains("is a context rule"), "{err}");
    }

    #[test]
    fn bad_flag_names_the_flag() {
        let over = Overrides {
            fail_on: Some("loud".into()),
            ..Overrides::default()
        };
        let err = policy("", over).unwrap_err();
        assert!(
            err.to_string().starts_with("--fail-on: bad value `loud`"),
            "{err}"
        );
    }

    #[test]
    fn discovery_searches_upward_and_isolated_skips_it() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "fail-on = \"error\"\n").unwrap();
        let c = Config::load(Overrides::default(), &deep).unwrap();
        assert_eq!(c.file.unwrap().path, dir.path().join(FILE_NAME));
        assert_eq!(c.base, dir.path());
        let c = Config::load(
            Overrides {
                isolated: true,
                ..Overrides::default()
            },
            &deep,
        )
        .unwrap();
        assert!(c.file.is_none());
    }

    #[test]
    fn starter_file_parses_and_dump_round_trips() {
        let p = policy(STARTER, Overrides::default()).unwrap();
        assert!(p.disabled.is_empty());
        let dumped = p.to_toml();
        let again = policy(&dumped, Overrides::default()).unwrap();
        assert_eq!(again.fail_on, p.fail_on);
        assert_eq!(again.disabled, p.disabled);
    }
}
