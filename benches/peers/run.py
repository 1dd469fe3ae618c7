#!/usr/bin/python3
"""ressearch beside other search engines, on the same clauses and the same queries.

For each size asked (100k, 1m, or a number of resolutions), in one run:

1. writes a synthetic corpus with `ressearch synth` (kept when an earlier run wrote it with the
   same size, seed, sources and ressearch binary), indexes it with `ressearch index --rebuild` and exports the
   indexed clauses with `ressearch export`;
2. feeds those clauses to the peers: tantivy-cli (`tantivy index`), Xapian (python3-xapian)
   and SQLite FTS5 (python3's sqlite3); a peer's index is rebuilt only when the exported
   clauses changed;
3. takes the query set from `ressearch bench --list-queries`, writes each query in each
   engine's own language (the same words, phrases, unions and filters), and times each
   engine in its own process, top 10, after one warm-up pass: `ressearch bench --json`,
   `tantivy bench`, and timed loops here for Xapian and SQLite;
4. prints p50 / p99 per class for every engine and the ratio of each peer's p50 to
   ressearch's, and writes them to WORK/SIZE/peers.md and peers.json.

Peers missing are installed from the package registries (`cargo install tantivy-cli`,
`apt-get install python3-xapian`); one that cannot be installed is left out with a message.
See benches/peers/README.md.
"""

import argparse
import hashlib
import json
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"100k": 3_600, "1m": 36_000, "10m": 360_000}
TANTIVY_CLI_VERSION = "0.24.0"
LANGS = ("en", "fr")
FILTERS = ("type", "lang", "body", "session", "cites")


def say(*args):
    print(*args, file=sys.stderr, flush=True)


def load():
    return open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"


def run(cmd, **kw):
    say("  $", " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


# ---------------------------------------------------------------------------------------------
# Peers: found or installed.


def tantivy_cli():
    """The tantivy-cli binary, installed with cargo when missing (None when it cannot be)."""
    found = shutil.which("tantivy") or shutil.which("tantivy", path=str(Path.home() / ".cargo/bin"))
    if found:
        return found
    say(f"tantivy-cli is missing: cargo install tantivy-cli --version {TANTIVY_CLI_VERSION}"
        " (compiles for several minutes)")
    # Not --locked: its lock file pins traitobject 0.1.0, which today's Rust rejects (E0119);
    # cargo picks 0.1.1, which builds.
    try:
        run(["cargo", "install", "tantivy-cli", "--version", TANTIVY_CLI_VERSION])
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        say(f"tantivy-cli could not be installed ({e}); left out")
        return None
    return shutil.which("tantivy") or str(Path.home() / ".cargo/bin/tantivy")


def xapian_module():
    """The xapian Python module, installed from Debian's python3-xapian when missing."""
    try:
        import xapian  # noqa: F401
        return xapian
    except ImportError:
        pass
    say("Xapian's Python bindings are missing: apt-get install python3-xapian")
    if shutil.which("apt-get") and os.geteuid() == 0:
        try:
            run(["apt-get", "install", "-y", "python3-xapian"],
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
            # Debian installs them for the system python3.
            for d in ("/usr/lib/python3/dist-packages",):
                if d not in sys.path:
                    sys.path.append(d)
            import xapian
            return xapian
        except (subprocess.CalledProcessError, ImportError) as e:
            say(f"python3-xapian could not be installed ({e}); Xapian left out")
            return None
    say("not root or no apt-get: install python3-xapian yourself; Xapian left out")
    return None


def fts5_available():
    try:
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        say("python3's sqlite3 has no FTS5; SQLite left out")
        return False


# ---------------------------------------------------------------------------------------------
# The query language of the bench set, read once and written for each engine.


TOKEN = re.compile(r'\s*(?:(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"|(\S+))')


def parse_query(text):
    """A bench query as groups ANDed together, each a list of alternatives (a word or a
    phrase: a list of words), and filters {field: value}. `a OR b c` = (a|b) & c."""
    groups, filters, pending_or = [], {}, False
    for m in TOKEN.finditer(text):
        ffield, fquoted, field, value, phrase, word = m.groups()
        if ffield or field:
            name = (ffield or field).lower()
            if name not in FILTERS:
                raise SystemExit(f"query {text!r}: unknown filter {name}:")
            filters[name] = fquoted if ffield else value
            continue
        if word == "OR":
            pending_or = True
            continue
        item = ("phrase", phrase) if phrase is not None else ("word", word)
        if pending_or and groups:
            groups[-1].append(item)
        else:
            groups.append([item])
        pending_or = False
    return groups, filters


def languages_of(filters):
    lang = filters.get("lang")
    return (lang,) if lang in LANGS else LANGS


def hexed(value):
    return value.encode().hex()


def tantivy_query(text):
    """Tantivy's query syntax: one conjunction per language field, filters required."""
    groups, filters = parse_query(text)
    per_lang = []
    for lang in languages_of(filters):
        parts = []
        for group in groups:
            alts = []
            for kind, value in group:
                value = value.replace('"', " ")
                # A word quoted too: one term, or the phrase of its parts (`Secretary-General`).
                alts.append(f'{lang}:"{value}"')
            parts.append("+(" + " ".join(alts) + ")")
        per_lang.append("(" + " ".join(parts) + ")" if parts else None)
    must = [f'+{f}:"{v}"' for f, v in filters.items() if f != "lang"]
    if filters.get("lang") in LANGS:
        must.append(f'+lang:"{filters["lang"]}"')
    texts = [p for p in per_lang if p]
    if texts:
        must.insert(0, "+(" + " ".join(texts) + ")")
    return " ".join(must)


def sqlite_query(text):
    """FTS5's syntax: a column filter per language, filters as tokens of the `meta` column."""
    groups, filters = parse_query(text)

    def quoted(s):
        return '"' + s.replace('"', '""') + '"'

    per_lang = []
    for lang in languages_of(filters):
        if groups:
            parts = ["(" + " OR ".join(quoted(v) for _, v in group) + ")" for group in groups]
            per_lang.append(f"{lang} : (" + " AND ".join(parts) + ")")
    must = [f"meta : {quoted(meta_token(f, v))}" for f, v in filters.items() if f != "lang"]
    if per_lang:
        must.insert(0, "(" + " OR ".join(per_lang) + ")")
    if filters.get("lang") in LANGS and not groups:
        must.append(f"meta : {quoted(meta_token('lang', filters['lang']))}")
    return " AND ".join(must)


def meta_token(field, value):
    # Letters and digits only, so that FTS5's tokenizer keeps it one token.
    return "x" + field + hexed(value.lower() if field != "cites" else value)


def xapian_query(xapian, gens, text):
    """Xapian's Query objects, each word analysed by the same TermGenerator as the clauses."""
    groups, filters = parse_query(text)

    def terms(lang, s):
        doc = xapian.Document()
        gens[lang].set_document(doc)
        gens[lang].index_text(s, 1, PREFIX[lang])
        plain, stems = [], []
        for t in doc.termlist():
            term = t.term.decode()
            if term.startswith("Z"):
                stems.append(term)
            else:
                for pos in t.positer:
                    plain.append((pos, term))
        return [term for _, term in sorted(plain)], stems

    per_lang = []
    for lang in languages_of(filters):
        parts = []
        for group in groups:
            alts = []
            for kind, value in group:
                words, stems = terms(lang, value)
                if kind == "phrase" and len(words) > 1:
                    alts.append(xapian.Query(xapian.Query.OP_PHRASE, words))
                else:
                    alts.append(xapian.Query(xapian.Query.OP_AND, stems or words))
            parts.append(xapian.Query(xapian.Query.OP_OR, alts))
        if parts:
            per_lang.append(xapian.Query(xapian.Query.OP_AND, parts))
    bool_terms = [xapian.Query(BOOL_PREFIX[f] + (v.lower() if f != "cites" else v))
                  for f, v in filters.items() if f != "lang"]
    if filters.get("lang") in LANGS and not groups:
        bool_terms.append(xapian.Query(BOOL_PREFIX["lang"] + filters["lang"]))
    if per_lang:
        query = xapian.Query(xapian.Query.OP_OR, per_lang)
        for b in bool_terms:
            query = xapian.Query(xapian.Query.OP_FILTER, query, b)
        return query
    return xapian.Query(xapian.Query.OP_SCALE_WEIGHT,
                        xapian.Query(xapian.Query.OP_AND, bool_terms), 0.0)


PREFIX = {"en": "E", "fr": "F"}
BOOL_PREFIX = {"type": "XT", "lang": "XL", "body": "XB", "session": "XS", "cites": "XC"}


# ---------------------------------------------------------------------------------------------
# Building the peers' indexes from the exported clauses.


def clauses(export):
    with open(export, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def build_tantivy(tantivy, export, dest):
    dest.mkdir(parents=True)
    text = {"indexing": {"record": "position", "fieldnorms": True, "tokenizer": None},
            "stored": False, "fast": False}
    raw = {"indexing": {"record": "basic", "fieldnorms": False, "tokenizer": "raw"},
           "stored": False, "fast": False}
    schema = [{"name": "id", "type": "u64",
               "options": {"indexed": False, "fieldnorms": False, "fast": False, "stored": True}}]
    # tantivy-cli has an English stemmer (en_stem) and no French one: French is lower-cased.
    for name, tokenizer in (("en", "en_stem"), ("fr", "default")):
        opts = json.loads(json.dumps(text))
        opts["indexing"]["tokenizer"] = tokenizer
        opts["stored"] = True  # as the other engines keep the text
        schema.append({"name": name, "type": "text", "options": opts})
    for name in FILTERS:
        schema.append({"name": name, "type": "text", "options": raw})
    meta = {"index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
            "segments": [], "schema": schema, "opstamp": 0}
    (dest / "meta.json").write_text(json.dumps(meta))
    proc = subprocess.Popen([tantivy, "index", "-i", str(dest)], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for i, c in enumerate(clauses(export)):
        doc = {"id": i, c["language"]: c["text"], "type": c["type"], "lang": c["language"],
               "body": c["body"], "cites": c["cites"]}
        if c["session"] is not None:
            doc["session"] = str(c["session"])
        proc.stdin.write((json.dumps(doc, ensure_ascii=False) + "\n").encode())
    proc.stdin.close()
    err = proc.stderr.read().decode(errors="replace")
    if proc.wait() != 0:
        raise SystemExit(f"tantivy index failed:\n{err}")


def build_xapian(xapian, export, dest):
    os.environ.setdefault("XAPIAN_FLUSH_THRESHOLD", "200000")
    db = xapian.WritableDatabase(str(dest), xapian.DB_CREATE_OR_OVERWRITE)
    gens = term_generators(xapian)
    for c in clauses(export):
        doc = xapian.Document()
        gen = gens[c["language"]]
        gen.set_document(doc)
        gen.index_text(c["text"], 1, PREFIX[c["language"]])
        doc.set_data(c["text"])
        for field in ("type", "lang", "body"):
            key = {"lang": "language"}.get(field, field)
            doc.add_boolean_term(BOOL_PREFIX[field] + c[key])
        if c["session"] is not None:
            doc.add_boolean_term(BOOL_PREFIX["session"] + str(c["session"]))
        for cite in c["cites"]:
            doc.add_boolean_term(BOOL_PREFIX["cites"] + cite)
        db.add_document(doc)
    db.commit()
    db.close()


def term_generators(xapian):
    gens = {}
    for lang, stemmer in (("en", "english"), ("fr", "french")):
        gen = xapian.TermGenerator()
        gen.set_stemmer(xapian.Stem(stemmer))
        gen.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
        gens[lang] = gen
    return gens


def build_sqlite(export, dest):
    con = sqlite3.connect(dest)
    # Porter stemming (English; French words go through it too), diacritics kept.
    con.execute("CREATE VIRTUAL TABLE clauses USING fts5(en, fr, meta,"
                " tokenize = 'porter unicode61')")
    rows = []
    for c in clauses(export):
        meta = [meta_token("type", c["type"]), meta_token("lang", c["language"]),
                meta_token("body", c["body"])]
        if c["session"] is not None:
            meta.append(meta_token("session", str(c["session"])))
        meta += [meta_token("cites", cite) for cite in c["cites"]]
        text = {"en": "", "fr": ""}
        text[c["language"]] = c["text"]
        rows.append((text["en"], text["fr"], " ".join(meta)))
        if len(rows) == 50_000:
            con.executemany("INSERT INTO clauses VALUES (?, ?, ?)", rows)
            rows.clear()
    con.executemany("INSERT INTO clauses VALUES (?, ?, ?)", rows)
    con.execute("INSERT INTO clauses(clauses) VALUES ('optimize')")
    con.commit()
    con.close()


# ---------------------------------------------------------------------------------------------
# Timing.


def percentile(samples, p):
    """Nearest rank, as `ressearch bench` computes it."""
    s = sorted(samples)
    k = max(1, min(len(s), math.ceil(p * len(s))))
    return s[k - 1]


def summarise(queries, samples, zero):
    """Per class (and `all`): p50, p99 in µs, and the queries that found nothing."""
    out = {}
    classes = []
    for q in queries:
        if q[0] not in classes:
            classes.append(q[0])
    for cls in classes + ["all"]:
        idx = [i for i, q in enumerate(queries) if cls == "all" or q[0] == cls]
        times = [t for i in idx for t in samples[i]]
        out[cls] = {"p50": percentile(times, 0.5), "p99": percentile(times, 0.99),
                    "zero": sum(1 for i in idx if zero[i])}
    return out


def time_ressearch(binary, index, queries_file, runs):
    out = subprocess.run([binary, "bench", "--json", "--runs", str(runs), "--index", index,
                          "--queries", queries_file], check=True, capture_output=True, text=True)
    stats = {}
    for line in out.stdout.splitlines():
        s = json.loads(line)
        if s["measure"] == "search":
            stats[s["class"]] = {"p50": s["p50_us"], "p99": s["p99_us"],
                                 "zero": s["zero_hit_queries"]}
    return stats


def time_tantivy(tantivy, index, queries, runs, work):
    qfile = work / "tantivy-queries.txt"
    qfile.write_text("".join(tantivy_query(q) + "\n" for _, q in queries))
    # The first pass warms up and is left out, as `ressearch bench` does.
    out = subprocess.run([tantivy, "bench", "-i", index, "-q", qfile, "-n", str(runs + 1)],
                         check=True, capture_output=True, text=True).stdout
    section = out.split("SEARCH", 1)[1].split("FETCH STORE", 1)[0]
    rows = [line.rsplit("\t", 2) for line in section.splitlines() if line.count("\t") >= 2]
    rows = [r for r in rows if r[1] != "num hits"]
    if len(rows) != len(queries) * (runs + 1):
        raise SystemExit(f"tantivy bench printed {len(rows)} timings, expected "
                         f"{len(queries) * (runs + 1)}")
    samples = [[] for _ in queries]
    zero = [False] * len(queries)
    for n, (_, hits, micros) in enumerate(rows):
        i = n % len(queries)
        zero[i] = int(hits) == 0
        if n >= len(queries):
            samples[i].append(float(micros))
    return summarise(queries, samples, zero)


def time_loop(queries, prepared, search, runs):
    zero = []
    for p in prepared:
        zero.append(search(p) == 0)
    samples = [[] for _ in queries]
    for _ in range(runs):
        for i, p in enumerate(prepared):
            t = time.perf_counter_ns()
            search(p)
            samples[i].append((time.perf_counter_ns() - t) / 1000)
    return summarise(queries, samples, zero)


def time_xapian(xapian, path, queries, runs):
    db = xapian.Database(str(path))
    enquire = xapian.Enquire(db)
    gens = term_generators(xapian)
    prepared = [xapian_query(xapian, gens, q) for _, q in queries]

    def search(query):
        enquire.set_query(query)
        return enquire.get_mset(0, 10).size()

    return time_loop(queries, prepared, search, runs)


def time_sqlite(path, queries, runs):
    con = sqlite3.connect(path)
    sql = "SELECT rowid FROM clauses WHERE clauses MATCH ? ORDER BY rank LIMIT 10"
    prepared = [sqlite_query(q) for _, q in queries]
    for p in prepared:  # a query FTS5 cannot read stops the run here, before any timing
        con.execute(sql, (p,)).fetchall()
    return time_loop(queries, prepared, lambda p: len(con.execute(sql, (p,)).fetchall()), runs)


# ---------------------------------------------------------------------------------------------


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def clauses_digest(path):
    """The SHA-256 of the exported clauses in sorted order: two builds of one corpus index the
    same clauses, but their indexing threads may take the files in another order."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for line in sorted(f):
            h.update(line)
    return h.hexdigest()


def du(path):
    path = Path(path)
    current = path / "CURRENT"
    if current.is_file():  # a ressearch index folder: its live generation only
        path = path / current.read_text().split()[0]
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def resolutions_of(size):
    if size.lower() in SIZES:
        return SIZES[size.lower()]
    if size.isdigit() and int(size) > 0:
        return int(size)
    raise SystemExit(f"size {size!r}: give 100k, 1m, 10m or a number of resolutions")


def table(size, clauses_count, results, engines, loads):
    lines = [f"### {size}: {clauses_count:,} clauses", "",
             "p50 / p99 in µs, top 10; ratio = the peer's p50 / ressearch's p50 "
             "(above 1: ressearch is faster)", ""]
    head = "| class | " + " | ".join(
        e if e == "ressearch" else f"{e} | ratio" for e in engines) + " |"
    lines += [head, "|" + "---|" * (1 + sum(1 if e == "ressearch" else 2 for e in engines))]
    base = results["ressearch"]
    for cls in base:
        cells = [cls]
        for e in engines:
            s = results[e].get(cls)
            if s is None:
                cells += ["—"] if e == "ressearch" else ["—", "—"]
                continue
            mark = f" ({s['zero']}∅)" if s["zero"] else ""
            cells.append(f"{s['p50']:,.0f} / {s['p99']:,.0f}{mark}")
            if e != "ressearch":
                cells.append(f"{s['p50'] / max(base[cls]['p50'], 0.1):.1f}×")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "load average (1 min) when each engine was timed: "
              + ", ".join(f"{e} {loads[e]}" for e in engines),
              "∅: queries of the class that found nothing in that engine", ""]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", default=["100k"],
                    help="100k (3,600 resolutions), 1m (36,000), 10m, or a number of resolutions")
    ap.add_argument("--runs", type=int, default=20, help="timed runs of each query (default 20)")
    ap.add_argument("--work", default=os.environ.get("RESSEARCH_PEERS_DIR", "/tmp/ressearch-peers"),
                    help="where corpora and indexes go (default /tmp/ressearch-peers)")
    ap.add_argument("--from", dest="sources", nargs="+",
                    default=[str(ROOT.parent / "shared/corpus")],
                    help="real corpus for synth --from (default ../shared/corpus)")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--queries", help="query set (default: the built-in one of ressearch bench)")
    ap.add_argument("--engines", default="ressearch,tantivy-cli,xapian,sqlite-fts5")
    args = ap.parse_args()

    wanted = args.engines.split(",")
    say("building ressearch (cargo build --release)")
    run(["cargo", "build", "--release", "--quiet"], cwd=ROOT)
    ressearch = str(ROOT / "target/release/ressearch")
    tantivy = tantivy_cli() if "tantivy-cli" in wanted else None
    xapian = xapian_module() if "xapian" in wanted else None
    fts5 = "sqlite-fts5" in wanted and fts5_available()
    engines = ["ressearch"] + [e for e, ok in (("tantivy-cli", tantivy), ("xapian", xapian),
                                               ("sqlite-fts5", fts5)) if ok]

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    listed = [ressearch, "bench", "--list-queries"] + (["--queries", args.queries]
                                                        if args.queries else [])
    queries_file = work / "queries.tsv"
    queries_file.write_text(subprocess.run(listed, check=True, capture_output=True,
                                           text=True).stdout)
    queries = [tuple(line.split("\t", 1)) for line in queries_file.read_text().splitlines()]
    for _, q in queries:  # every query must translate before anything long starts
        tantivy_query(q), sqlite_query(q)

    report = []
    for size in args.sizes:
        n = resolutions_of(size)
        d = work / size
        d.mkdir(exist_ok=True)
        say(f"\n== {size}: {n} resolutions, in {d}")
        # The binary too: another build of synth may write other files from the same sources.
        recipe = json.dumps({"resolutions": n, "seed": args.seed,
                             "from": [str(Path(s).resolve()) for s in args.sources],
                             "ressearch": sha256(ressearch)})
        corpus = d / "corpus"
        if (d / "corpus.recipe").exists() and (d / "corpus.recipe").read_text() == recipe \
                and (corpus / "MANIFEST.tsv").exists():
            say("synthetic corpus: kept from an earlier run")
        else:
            (d / "corpus.recipe").unlink(missing_ok=True)
            run([ressearch, "synth", "--resolutions", n, "--out", corpus, "--seed", args.seed]
                + [a for source in args.sources for a in ("--from", source)])
            (d / "corpus.recipe").write_text(recipe)
        builds = {}
        t = time.monotonic()
        run([ressearch, "index", "--rebuild", "--index", d / "ressearch", corpus])
        builds["ressearch"] = time.monotonic() - t
        export = d / "clauses.jsonl"
        with open(export, "w") as f:
            run([ressearch, "export", "--index", d / "ressearch"], stdout=f)
        digest = clauses_digest(export)
        count = sum(1 for _ in open(export, encoding="utf-8"))
        for engine, path, build in (
                ("tantivy-cli", d / "tantivy", lambda p: build_tantivy(tantivy, export, p)),
                ("xapian", d / "xapian", lambda p: build_xapian(xapian, export, p)),
                ("sqlite-fts5", d / "fts5.db", lambda p: build_sqlite(export, p))):
            if engine not in engines:
                continue
            stamp = Path(str(path) + ".clauses-sha256")
            if stamp.exists() and stamp.read_text() == digest and path.exists():
                say(f"{engine}: index kept (same clauses)")
                continue
            stamp.unlink(missing_ok=True)
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
            say(f"{engine}: indexing {count:,} clauses")
            t = time.monotonic()
            build(path)
            builds[engine] = time.monotonic() - t
            stamp.write_text(digest)

        results, loads = {}, {}
        for engine in engines:
            loads[engine] = load()
            say(f"{engine}: timing {len(queries)} queries × {args.runs} runs (load {loads[engine]})")
            if engine == "ressearch":
                results[engine] = time_ressearch(ressearch, str(d / "ressearch"),
                                                 str(queries_file), args.runs)
            elif engine == "tantivy-cli":
                results[engine] = time_tantivy(tantivy, str(d / "tantivy"), queries, args.runs, d)
            elif engine == "xapian":
                results[engine] = time_xapian(xapian, d / "xapian", queries, args.runs)
            else:
                results[engine] = time_sqlite(str(d / "fts5.db"), queries, args.runs)
        sizes = {"ressearch": d / "ressearch", "tantivy-cli": d / "tantivy",
                 "xapian": d / "xapian", "sqlite-fts5": d / "fts5.db"}
        md = table(size, count, results, engines, loads)
        md += "\nindex size: " + ", ".join(
            f"{e} {du(sizes[e]) / 1e6:,.0f} MB" for e in engines) + "\n"
        if builds:
            md += "index time (this run): " + ", ".join(
                f"{e} {s:,.1f} s" for e, s in builds.items()) + "\n"
        (d / "peers.md").write_text(md)
        (d / "peers.json").write_text(json.dumps(
            {"size": size, "clauses": count, "runs": args.runs, "results": results,
             "load": loads, "index_seconds": builds}, indent=1))
        print(md, flush=True)
        report.append(md)


if __name__ == "__main__":
    main()
