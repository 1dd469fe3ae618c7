// ressearch: the search page. No framework, no build step. Every text that comes from the
// index is put in the page with textContent or as a text node, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

const FILTERS = ["lang", "body", "type", "session", "from", "to", "sort"];

/** The page's own URL for a search or a resolution. */
function pageUrl(params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  const text = query.toString();
  return text ? "/?" + text : "/";
}

const showUrl = (symbol, label) => pageUrl({ show: symbol, label: label || "" });
const citingUrl = (symbol) => pageUrl({ q: 'cites:"' + symbol + '"' });

/** The form's state, as page parameters. */
function formState() {
  const state = { q: $("q").value.trim() };
  for (const name of FILTERS) state[name] = $("f-" + name).value.trim();
  return state;
}

function setForm(params) {
  $("q").value = params.get("q") || "";
  for (const name of FILTERS) $("f-" + name).value = params.get(name) || "";
  summarizeFilters();
}

/** The filters' summary says how many are set (on a phone, the filters stay folded). */
function summarizeFilters() {
  const set = FILTERS.filter((name) => $("f-" + name).value.trim()).length;
  $("filters-summary").textContent = set ? "Filters (" + set + " set)" : "Filters";
}

const LANGUAGES = { fr: "French", en: "English" };

/** The API parameters of a search state. */
function apiParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of ["lang", "body", "type", "session", "sort"]) {
    if (state[name]) params.set(name, state[name]);
  }
  if (state.from || state.to) params.set("adopted", (state.from || "") + ".." + (state.to || ""));
  return params;
}

async function api(path, params) {
  const response = await fetch(path + "?" + params.toString(), { headers: { Accept: "application/json" } });
  let body;
  try {
    body = await response.json();
  } catch (e) {
    throw new Error("the server answered " + response.status);
  }
  if (!response.ok) throw new Error(body.error || "the server answered " + response.status);
  return body;
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

function setStatus(message) {
  $("status").textContent = message;
}

/**
 * A text with the character ranges `ranges` (Unicode code points, end excluded) in <mark>,
 * as nodes. With `window`, only about that many characters around the first match.
 */
function highlighted(text, ranges, windowChars) {
  const chars = Array.from(text);
  let from = 0;
  let to = chars.length;
  if (windowChars && chars.length > windowChars) {
    const first = ranges.length ? ranges[0][0] : 0;
    from = Math.max(0, first - Math.floor(windowChars / 3));
    while (from > 0 && chars[from - 1] !== " ") from--;
    to = Math.min(chars.length, from + windowChars);
    while (to < chars.length && chars[to] !== " ") to++;
  }
  const nodes = [];
  if (from > 0) nodes.push("… ");
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= at || start >= to) continue;
    const s = Math.max(start, at);
    const e = Math.min(end, to);
    if (s > at) nodes.push(chars.slice(at, s).join(""));
    nodes.push(el("mark", {}, chars.slice(s, e).join("")));
    at = e;
  }
  if (at < to) nodes.push(chars.slice(at, to).join(""));
  if (to < chars.length) nodes.push(" …");
  return nodes;
}

const SNIPPET_CHARS = 420;

function citeLinks(cites) {
  if (!cites || !cites.length) return null;
  const links = [];
  cites.forEach((symbol, k) => {
    if (k) links.push(", ");
    links.push(el("a", { href: showUrl(symbol), class: "cite" }, symbol));
  });
  return el("span", { class: "cites" }, "cites ", links);
}

// ---- search ----

let current = null; // { state, hits, total }

function renderHit(hit) {
  const place = hit.symbol + " " + hit.label;
  const textBox = el("p", { class: "text", lang: hit.language });
  const full = Array.from(hit.text).length <= SNIPPET_CHARS;
  textBox.append(...highlighted(hit.text, hit.highlights, full ? 0 : SNIPPET_CHARS));
  const similarBox = el("div", { class: "similar", hidden: true });
  const item = el("li", { class: "hit" + (hit.near ? " near" : "") },
    el("div", { class: "hit-head" },
      el("a", { class: "place", href: showUrl(hit.symbol, hit.label.replace(/\(.*$/, "")) }, place),
      hit.opening ? el("span", { class: "opening", lang: hit.language }, hit.opening) : null,
      el("span", { class: "badge" }, hit.language + " · " + hit.type),
      hit.near ? el("span", { class: "badge near-badge" }, "most of the words") : null),
    el("p", { class: "meta" },
      hit.title ? el("span", { class: "title", lang: hit.language }, hit.title) : null,
      hit.adopted ? el("span", { class: "date" }, "adopted " + hit.adopted) : null,
      el("span", { class: "score" }, "score " + hit.score.toFixed(2))),
    textBox,
    el("p", { class: "links" },
      full ? null : el("button", {
        type: "button", class: "linkish", "aria-expanded": "false",
        onclick: (event) => {
          const open = event.currentTarget.getAttribute("aria-expanded") === "true";
          textBox.replaceChildren(...highlighted(hit.text, hit.highlights, open ? SNIPPET_CHARS : 0));
          event.currentTarget.setAttribute("aria-expanded", String(!open));
          event.currentTarget.textContent = open ? "Full text" : "Shorter";
        },
      }, "Full text"),
      citeLinks(hit.cites),
      el("a", { href: citingUrl(hit.symbol) }, "who cites " + hit.symbol),
      el("button", {
        type: "button", class: "linkish", "aria-expanded": "false",
        onclick: (event) => toggleSimilar(event.currentTarget, hit, similarBox),
      }, "Similar clauses"),
      hit.url ? el("a", { href: hit.url, rel: "noopener noreferrer" }, "UN document") : null),
    similarBox);
  return item;
}

async function toggleSimilar(button, hit, box) {
  if (button.getAttribute("aria-expanded") === "true") {
    box.hidden = true;
    button.setAttribute("aria-expanded", "false");
    return;
  }
  button.setAttribute("aria-expanded", "true");
  box.hidden = false;
  box.replaceChildren(el("p", { class: "muted" }, "Looking for similar wordings…"));
  const params = new URLSearchParams({ symbol: hit.symbol, label: hit.label.replace(/\(.*$/, ""), limit: "5" });
  try {
    const answer = await api("/api/similar", params);
    if (!answer.hits.length) {
      box.replaceChildren(el("p", { class: "muted" }, "No other clause is worded like it (50 % or more)."));
      return;
    }
    box.replaceChildren(el("h3", {}, "Similar clauses"), el("ol", {}, answer.hits.map((s) =>
      el("li", {},
        el("span", { class: "similarity" }, Math.round(s.similarity * 100) + " %"), " ",
        el("a", { href: showUrl(s.symbol, s.label) }, s.symbol + " " + s.label),
        s.places > 1 ? el("span", { class: "muted" }, " and " + (s.places - 1) + " more of this wording") : null,
        el("p", { class: "text", lang: s.language }, s.text)))));
  } catch (e) {
    box.replaceChildren(el("p", { class: "error" }, e.message));
  }
}

function downloadLink(state, format) {
  const params = apiParams(state);
  params.set("limit", "1000");
  params.set("format", format);
  return "/api/search?" + params.toString();
}

async function search(state, { push } = {}) {
  const url = pageUrl(state);
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
  $("resolution").hidden = true;
  document.body.classList.remove("reading");
  showError("");
  const params = apiParams(state);
  if (!params.toString()) {
    $("results").hidden = true;
    setStatus("");
    document.title = "ressearch";
    return;
  }
  setStatus("Searching…");
  params.set("limit", "20");
  try {
    const answer = await api("/api/search", params);
    current = { state, hits: answer.hits, total: answer.total };
    $("hits").replaceChildren(...answer.hits.map(renderHit));
    $("dl-csv").href = downloadLink(state, "csv");
    $("dl-ndjson").href = downloadLink(state, "ndjson");
    $("results").hidden = false;
    $("more").hidden = answer.hits.length >= answer.total || answer.hits.length < 20;
    document.title = (state.q || "search") + " — ressearch";
    reportCount(answer);
  } catch (e) {
    $("results").hidden = true;
    setStatus("");
    showError(e.message);
  }
}

function reportCount(answer) {
  const shown = current.hits.length;
  const near = current.hits.filter((h) => h.near).length;
  let text = answer.total === 1 ? "1 matching clause" : answer.total.toLocaleString("en") + " matching clauses";
  if (answer.total_is_lower_bound) text = "more than " + text;
  text += ", " + (shown - near) + " shown";
  if (near) text += ", then " + near + " with most of the words";
  text += " (" + answer.took_ms + " ms)";
  if (answer.note) text += ". Note: " + answer.note;
  setStatus(text);
}

async function more() {
  if (!current) return;
  const params = apiParams(current.state);
  params.set("limit", "20");
  params.set("offset", String(current.hits.length));
  try {
    const answer = await api("/api/search", params);
    const first = current.hits.length;
    current.hits.push(...answer.hits);
    $("hits").append(...answer.hits.map(renderHit));
    $("more").hidden = !answer.hits.length || current.hits.length >= answer.total;
    reportCount(answer);
    const firstNew = $("hits").children[first];
    if (firstNew) firstNew.querySelector("a").focus();
  } catch (e) {
    showError(e.message);
  }
}

// ---- a resolution ----

function clauseId(label) {
  return "clause-" + label.replace(/[^A-Za-z0-9.]/g, "");
}

function renderClause(clause, lang, tagged) {
  const tag = tagged ? el("span", { class: "lang-tag", lang: "en" }, LANGUAGES[lang] || lang) : null;
  if (!clause) return el("div", { class: "clause-text missing" }, tag, "(no such paragraph in this version)");
  const cites = citeLinks(clause.cites);
  return el("div", { class: "clause-text", lang },
    tag,
    clause.opening ? el("strong", {}, clause.opening) : null,
    el("p", {}, clause.text),
    cites ? el("p", { class: "links" }, cites) : null,
    clause.footnotes && clause.footnotes.length
      ? el("ul", { class: "footnotes" }, clause.footnotes.map((f) => el("li", {}, f))) : null);
}

function label(clause) {
  const prefix = clause.type === "preambular" ? "PP" : "OP";
  return (clause.section ? clause.section + "." : "") + prefix + clause.number;
}

async function showResolution(symbol, target, { push } = {}) {
  const url = showUrl(symbol, target);
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
  showError("");
  $("results").hidden = true;
  const box = $("resolution");
  box.hidden = false;
  document.body.classList.add("reading");
  box.replaceChildren(el("p", { class: "muted" }, "Opening " + symbol + "…"));
  setStatus("");
  let res;
  let parallel = null;
  try {
    res = await api("/api/show", new URLSearchParams({ symbol }));
    if (res.languages.includes("fr") && res.languages.includes("en")) {
      parallel = await api("/api/show", new URLSearchParams({ symbol: res.symbol, parallel: "1" }));
    }
  } catch (e) {
    box.replaceChildren(
      el("h2", {}, symbol),
      el("p", { class: "error", role: "alert" }, e.message),
      el("p", {}, el("a", { href: citingUrl(symbol) }, "The clauses of the index that cite " + symbol)));
    return;
  }
  document.title = res.symbol + " — ressearch";
  const rows = parallel
    ? parallel.clauses.map((pair) => ({ label: pair.label, cells: [["fr", pair.fr], ["en", pair.en]] }))
    : res.clauses.map((c) => ({ label: label(c), cells: [[res.language, c]] }));
  const titles = parallel
    ? [parallel.versions.fr.title, parallel.versions.en.title]
    : [res.title];
  const citedBy = el("div", { class: "cited-by" }, el("p", { class: "muted" }, "Looking for the clauses that cite it…"));
  const cites = el("div", { class: "cites-list" });
  const changes = el("div", { class: "changes" }, el("p", { class: "muted" }, "Aligning it with the resolution it recalls…"));
  const changesBox = el("details", { class: "traces", id: "changes-box" },
    el("summary", {}, "Changes since the resolution it recalls"), changes);
  changesBox.addEventListener("toggle", () => {
    if (changesBox.open && !changesBox.dataset.loaded) {
      changesBox.dataset.loaded = "1";
      loadChanges(res.symbol, changes);
    }
  });
  box.replaceChildren(
    el("p", {}, el("a", { href: "/", onclick: backToSearch }, "← Back to the results")),
    el("h2", {}, res.symbol),
    ...titles.filter(Boolean).map((t, k) => el("p", { class: "res-title", lang: parallel ? ["fr", "en"][k] : res.language }, t)),
    el("p", { class: "meta" },
      [res.body, res.session ? "session " + res.session : null, res.adopted ? "adopted " + res.adopted : null,
        res.meeting, "in " + res.languages.map((l) => LANGUAGES[l] || l).join(" and ")].filter(Boolean).join(" · ")),
    el("details", { class: "traces" }, el("summary", {}, "What it cites"), cites),
    el("details", { class: "traces", open: true }, el("summary", {}, "Who cites it"), citedBy),
    changesBox,
    el("ol", { class: "clauses" + (parallel ? " parallel" : "") }, rows.map((row) =>
      el("li", { id: clauseId(row.label), tabindex: "-1", class: "clause" },
        el("span", { class: "label" }, row.label),
        el("div", { class: "cells" }, row.cells.map(([lang, clause]) => renderClause(clause, lang, !!parallel)))))));
  if (target) {
    const node = document.getElementById(clauseId(target));
    if (node) {
      node.classList.add("target");
      node.scrollIntoView({ block: "center" });
      node.focus({ preventScroll: true });
    }
  } else {
    box.querySelector("h2").setAttribute("tabindex", "-1");
    box.querySelector("h2").focus();
  }
  loadTraces(res.symbol, cites, citedBy);
}

async function loadTraces(symbol, cites, citedBy) {
  try {
    const from = await api("/api/cites", new URLSearchParams({ from: symbol }));
    cites.replaceChildren(from.cites.length
      ? el("ul", {}, from.cites.map((c) => el("li", {},
        c.in_index ? el("a", { href: showUrl(c.symbol), class: "cite" }, c.symbol) : c.symbol,
        el("span", { class: "muted" }, " in " + c.clauses.join(", ") + (c.in_index ? "" : " (not in the index)")))))
      : el("p", { class: "muted" }, "It cites no document."));
  } catch (e) {
    cites.replaceChildren(el("p", { class: "error" }, e.message));
  }
  try {
    const by = await api("/api/cites", new URLSearchParams({ symbol }));
    citedBy.replaceChildren(by.clauses.length
      ? el("ul", {}, by.clauses.map((c) => el("li", {},
        el("a", { href: showUrl(c.symbol, c.label), class: "citing" }, c.symbol + " " + c.label),
        c.opening ? el("span", { class: "muted", lang: c.language }, " " + c.opening) : null)))
      : el("p", { class: "muted" }, "No clause of the index cites it."));
  } catch (e) {
    citedBy.replaceChildren(el("p", { class: "error" }, e.message));
  }
}

/** What changed since the predecessor (`ressearch diff`): counts, then each paragraph not kept as it was. */
async function loadChanges(symbol, box) {
  try {
    const diff = await api("/api/diff", new URLSearchParams({ new: symbol }));
    const count = (status) => diff.paragraphs.filter((p) => p.status === status).length;
    const items = diff.paragraphs.filter((p) => p.status !== "same");
    box.replaceChildren(
      el("p", {}, "From ", el("a", { href: showUrl(diff.old), class: "cite" }, diff.old), " (" + diff.chosen + "): ",
        ["same", "moved", "changed", "added", "removed"].map((s) => count(s) + " " + s).join(", ") + "."),
      el("ul", { class: "diff" }, items.map((p) => el("li", { class: "diff-" + p.status },
        el("a", { href: p.new ? "#" + clauseId(p.new) : showUrl(diff.old, p.old) },
          p.old && p.new && p.old !== p.new ? p.old + " → " + p.new : p.new || p.old),
        " " + p.status,
        p.changes.length ? el("span", { class: "muted" }, ": " + p.changes.map((c) =>
          (c.old ? "“" + c.old + "”" : "(nothing)") + " → " + (c.new ? "“" + c.new + "”" : "(nothing)")).join("; ")) : null))));
  } catch (e) {
    box.replaceChildren(el("p", { class: "muted" }, e.message));
  }
}

/** Back to the last search, when there was one (else the link opens an empty search). */
function backToSearch(event) {
  if (current) {
    event.preventDefault();
    search(current.state, { push: true }).then(() => $("main").focus());
  }
}

// ---- navigation ----

function route() {
  const params = new URLSearchParams(location.search);
  if (params.get("show")) {
    showResolution(params.get("show"), params.get("label") || "");
  } else {
    setForm(params);
    search(formState());
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    search(formState(), { push: !$("resolution").hidden });
    $("main").focus({ preventScroll: true });
  });
  for (const name of FILTERS) {
    $("f-" + name).addEventListener("change", () => {
      summarizeFilters();
      search(formState());
    });
  }
  // Filters open on a wide screen; on a phone they wait behind their summary.
  if (window.matchMedia("(min-width: 40rem)").matches) $("filters-box").open = true;
  $("more").addEventListener("click", more);
  // Links within the page open without reloading it.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== "/" || link.hasAttribute("download")) return;
    if (link.getAttribute("href").startsWith("#")) {
      // A clause of the resolution shown.
      event.preventDefault();
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        target.scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
      }
      return;
    }
    event.preventDefault();
    const params = url.searchParams;
    if (params.get("show")) {
      showResolution(params.get("show"), params.get("label") || "", { push: true });
    } else {
      setForm(params);
      search(formState(), { push: true });
    }
  });
  window.addEventListener("popstate", route);
  route();
});
