/* warlog web UI: map, timeline, event panel and reading view over the JSON API.
 *
 * Article text, titles, names and every other value from the store are untrusted: they reach
 * the page only as text nodes (el() below) or through safeUrl(), never as HTML. The page's
 * Content-Security-Policy forbids inline scripts as a second line of defence.
 */
"use strict";

const TYPE_COLOURS = {
  battles: "#c0392b",
  explosions_remote_violence: "#e67e22",
  violence_against_civilians: "#8e44ad",
  protests: "#2980b9",
  riots: "#16a085",
  strategic_developments: "#7f8c8d",
};
const PRECISION = { 1: "day", 2: "week", 3: "month" };
const GEO_PRECISION = { 1: "exact place", 2: "near the place", 3: "region" };
const DAY = 86400;
const ROLES = { actor1: "Actor 1", actor2: "Actor 2", assoc_actor1: "With actor 1", assoc_actor2: "With actor 2" };

const state = {
  vocab: { event_types: {}, sub_event_types: {}, countries: {}, materiel: {} },
  events: [],           // the events shown on the map (all filters)
  selected: null,       // id of the event in the panel
  detail: null,         // its /api/events/{id} answer
  doc: null,            // the document in the reading view
  range: null,          // {since, until}: the timeline's selection
};

/* ---------- DOM and API helpers ---------- */

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));  // strings become text nodes
  }
  return node;
}

/** A link target only for http(s) URLs: a "javascript:" or "data:" URL stays plain text. */
function safeUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (e) {
    return null;
  }
}

async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) query.set(k, v);
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url);
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(`${path}: ${detail}`);
  }
  return response.json();
}

function showError(error) {
  document.getElementById("status").textContent = error ? String(error.message || error) : "";
}

const typeLabel = (t) => state.vocab.event_types[t] || t || "—";
const subTypeLabel = (t) => state.vocab.sub_event_types[t] || t || "";
const countryLabel = (c) => state.vocab.countries[c] || c;
const materielLabel = (kind, count) => {
  const name = (state.vocab.materiel || {})[kind] || (kind || "").replace(/_/g, " ");
  return count && count > 1 ? `${name}s` : name;
};
const colour = (t) => TYPE_COLOURS[t] || "#555";
const dayOf = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 10);
const secondsOf = (day) => Date.parse(`${day}T00:00:00Z`) / 1000;

/* ---------- filters ---------- */

const filterInputs = {
  since: document.getElementById("f-since"),
  until: document.getElementById("f-until"),
  type: document.getElementById("f-type"),
  actor: document.getElementById("f-actor"),
  country: document.getElementById("f-country"),
};

function filters({ withDates = true } = {}) {
  const f = {};
  for (const [key, input] of Object.entries(filterInputs)) {
    if (!withDates && (key === "since" || key === "until")) continue;
    if (input.value.trim()) f[key] = input.value.trim();
  }
  return f;
}

const mergedBox = document.getElementById("merged");

/** The report to open for a list item: itself, or a merged event's representative report. */
const reportId = (item) => item.representative_id || item.id;
const reportIds = (item) => item.report_ids || [item.id];

function setRange(since, until) {
  state.range = since ? { since, until } : null;
  filterInputs.since.value = since || "";
  filterInputs.until.value = until || "";
  document.getElementById("range-clear").hidden = !since;
  refresh();
}

/* ---------- map ---------- */

const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 14 }).setView([25, 20], 3);
const basemap = L.layerGroup().addTo(map);
const admin1Layer = L.layerGroup().addTo(map);
const admin1Loaded = new Set();
let tiles = null;

const clusters = L.markerClusterGroup({
  showCoverageOnHover: false,
  chunkedLoading: true,  // thousands of markers load without freezing the page
  maxClusterRadius: 40,
  spiderfyDistanceMultiplier: 1.6,
  iconCreateFunction(cluster) {
    const markers = cluster.getAllChildMarkers();
    const dead = markers.reduce((sum, m) => sum + (m.event.fatalities_best || 0), 0);
    const size = Math.round(30 + Math.min(34, 4 * Math.sqrt(dead)));
    const label = el("div", { title: `${markers.length} events, ${dead} killed` }, String(markers.length));
    return L.divIcon({ html: label, className: "cluster", iconSize: [size, size] });
  },
}).addTo(map);

async function loadBasemap() {
  // Natural Earth 1:50m countries, from npm world-atlas, shipped in the package.
  const topo = await api("/static/vendor/world-atlas/countries-50m.json");
  const land = topojson.feature(topo, topo.objects.countries);
  L.geoJSON(land, {
    interactive: false,
    style: { color: "#9aa4ad", weight: 0.7, fillColor: "#f3f0e8", fillOpacity: 1 },
  }).addTo(basemap);
}

async function loadAdmin1(country) {
  if (!country || admin1Loaded.has(country)) return;
  admin1Loaded.add(country);
  try {
    const topo = await api(`/ui/admin1/${encodeURIComponent(country)}.topo.json`);
    const object = Object.values(topo.objects)[0];
    L.geoJSON(topojson.feature(topo, object), {
      interactive: false,
      style: { color: "#b4a78f", weight: 0.8, dashArray: "3 3", fill: false },
    }).addTo(admin1Layer);
  } catch (e) {
    // A country without admin-1 boundaries keeps its outline; not worth an error.
  }
}

function markerFor(event) {
  const size = Math.round(12 + Math.min(36, 5 * Math.sqrt(event.fatalities_best || 0)));
  const dot = el("div");
  dot.style.background = colour(event.event_type);
  const icon = L.divIcon({ html: dot, className: "event-marker", iconSize: [size, size] });
  const marker = L.marker([event.lat, event.lon], { icon, keyboard: true });
  marker.event = event;
  const tip = el("div", {},
    el("strong", {}, typeLabel(event.event_type)), " · ", event.date_start || "undated",
    el("br"), event.location || "", event.fatalities_best ? ` · ${event.fatalities_best} killed` : "");
  marker.bindTooltip(tip, { direction: "top" });
  marker.on("click", () => selectEvent(reportId(event)));
  marker.on("add", () => {
    const node = marker.getElement();
    if (node) {
      node.dataset.eventId = reportId(event);
      node.dataset.reports = reportIds(event).join(" ");
      node.classList.toggle("selected", reportIds(event).includes(state.selected));
    }
  });
  return marker;
}

function drawMarkers(fit) {
  clusters.clearLayers();
  const markers = state.events.filter((e) => e.lat !== null && e.lon !== null).map(markerFor);
  clusters.addLayers(markers);
  if (fit && markers.length) {
    map.fitBounds(L.latLngBounds(markers.map((m) => m.getLatLng())).pad(0.3), { maxZoom: 9 });
  }
  for (const country of new Set(state.events.map((e) => e.country))) loadAdmin1(country);
}

function legend() {
  const control = L.control({ position: "bottomright" });
  control.onAdd = () => el("div", { class: "legend" },
    Object.keys(TYPE_COLOURS).map((t) => el("div", {},
      el("span", { class: "swatch", style: `background:${TYPE_COLOURS[t]}` }), typeLabel(t))),
    el("div", {}, "size: fatalities"));
  control.addTo(map);
}

document.getElementById("online-tiles").addEventListener("change", (e) => {
  // Off by default: the basemap is offline; tiles need the network and tell the tile server
  // where the analyst is looking.
  if (e.target.checked) {
    tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19, attribution: "© OpenStreetMap contributors",
    }).addTo(map);
    basemap.remove();
  } else {
    tiles?.remove();
    tiles = null;
    basemap.addTo(map);
  }
});

/* ---------- timeline ---------- */

let plot = null;
let dragged = false;

/** The bucket a day falls in: days over a few months, weeks over two years, else months. */
function bucketing(days) {
  const span = (secondsOf(days[days.length - 1].date) - secondsOf(days[0].date)) / DAY;
  if (span <= 120) return { unit: "day", start: (d) => d, next: (d) => addDays(d, 1) };
  if (span <= 730) {
    return { unit: "week", next: (d) => addDays(d, 7),
             start: (d) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7)) };
  }
  return { unit: "month", start: (d) => `${d.slice(0, 7)}-01`,
           next: (d) => { const t = new Date(`${d}T00:00:00Z`); t.setUTCMonth(t.getUTCMonth() + 1); return t.toISOString().slice(0, 10); } };
}

function addDays(day, n) {
  return dayOf(secondsOf(day) + n * DAY);
}

/** uPlot's columns (bucket start, events, fatalities), with empty buckets as zeros so a
 * quiet spell shows as a gap rather than vanishing; and each bucket's [first, last] day. */
function timelineData(days) {
  const b = bucketing(days);
  const sums = new Map();
  for (const d of days) {
    const key = b.start(d.date);
    const sum = sums.get(key) || { events: 0, fatalities: 0 };
    sum.events += d.events; sum.fatalities += d.fatalities;
    sums.set(key, sum);
  }
  const xs = [], events = [], dead = [], spans = [];
  const last = b.start(days[days.length - 1].date);
  for (let key = b.start(days[0].date); key <= last; key = b.next(key)) {
    const sum = sums.get(key);
    xs.push(secondsOf(key)); events.push(sum ? sum.events : 0); dead.push(sum ? sum.fatalities : 0);
    spans.push([key, addDays(b.next(key), -1)]);
  }
  return { unit: b.unit, columns: [xs, events, dead], spans };
}

function drawTimeline(days) {
  const box = document.getElementById("timeline");
  plot?.destroy();
  box.replaceChildren();
  box.dataset.days = String(days.length);
  if (!days.length) {
    box.append(el("p", { class: "claim" }, "No dated events match the filters."));
    plot = null;
    return;
  }
  const { unit, columns: data, spans } = timelineData(days);
  box.dataset.unit = unit;
  document.getElementById("timeline-unit").textContent = unit;
  const opts = {
    width: box.clientWidth || 600,
    height: 150,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    scales: {
      // Room on both sides, so the first and last bars can be seen and clicked.
      x: { time: true, range: (u, min, max) => { const pad = Math.max(DAY, (max - min) * 0.03); return [min - pad, max + pad]; } },
      dead: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [
      { space: 70, incrs: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 365 * DAY],
        values: (u, splits) => splits.map((v) => dayOf(v)) },
      { label: "events", size: 40 },
      { scale: "dead", side: 1, label: "killed", size: 40, grid: { show: false } },
    ],
    series: [
      {},
      { label: "events", fill: "rgba(70, 90, 110, .55)", stroke: "#46596e",
        paths: uPlot.paths.bars({ size: [0.85, 60], align: 1 }), points: { show: false } },
      { label: "fatalities", scale: "dead", stroke: "#c0392b", width: 2,
        points: { show: data[0].length <= 60, size: 5, fill: "#c0392b" }, spanGaps: false },
    ],
    hooks: {
      setSelect: [(u) => {
        if (u.select.width < 3) return;
        dragged = true;  // the click that ends a drag is not a click on a day
        const a = u.posToVal(u.select.left, "x"), b = u.posToVal(u.select.left + u.select.width, "x");
        u.setSelect({ left: 0, width: 0 }, false);
        setRange(dayOf(Math.max(a, data[0][0])), dayOf(Math.min(b, data[0][data[0].length - 1] + DAY)));
      }],
      draw: [(u) => {
        if (!state.range) return;
        // Shade the selected range: the map shows only these days.
        const x0 = u.valToPos(secondsOf(state.range.since), "x", true);
        const x1 = u.valToPos(secondsOf(state.range.until || state.range.since) + DAY, "x", true);
        u.ctx.save();
        u.ctx.fillStyle = "rgba(179, 84, 30, .15)";
        u.ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
        u.ctx.restore();
      }],
    },
  };
  plot = new uPlot(opts, data, box);
  // A click without a drag picks the bar with events nearest the pointer (a day, a week or a
  // month: over years a day is narrower than a pixel).
  plot.over.addEventListener("click", (e) => {
    if (dragged) { dragged = false; return; }
    // offsetX would be relative to the cursor line when the click lands on it.
    const x = e.clientX - plot.over.getBoundingClientRect().left;
    let best = null;
    data[0].forEach((start, i) => {
      if (!data[1][i]) return;
      const left = plot.valToPos(start, "x"), right = plot.valToPos(secondsOf(spans[i][1]) + DAY, "x");
      const gap = Math.abs((left + right) / 2 - x);
      if (gap <= Math.max(8, (right - left) / 2) && (!best || gap < best.gap)) best = { span: spans[i], gap };
    });
    if (best) setRange(...best.span);
  });
}

window.addEventListener("resize", () => plot?.setSize({ width: document.getElementById("timeline").clientWidth, height: 150 }));

/* ---------- panel: event list and event detail ---------- */

const panel = document.getElementById("panel");

function eventRow(event) {
  const where = [...new Set([event.location, event.admin1, countryLabel(event.country)].filter(Boolean))];
  const who = [event.actor1, event.actor2].filter(Boolean).join(" vs ");
  const open = () => selectEvent(reportId(event));
  const row = el("li", { dataset: { eventId: event.id }, tabindex: "0",
                         class: reportIds(event).includes(state.selected) ? "selected" : null,
                         onclick: open, onkeydown: (e) => { if (e.key === "Enter") open(); } },
    el("span", { class: "swatch", style: `background:${colour(event.event_type)}` }),
    el("span", {}, el("span", { class: "what" }, subTypeLabel(event.sub_event_type) || typeLabel(event.event_type)),
       " · ", event.date_start || "undated"),
    el("span", { class: "dead" }, event.fatalities_best ? `${event.fatalities_best} killed` : ""),
    event.report_count > 1 ? el("span", { class: "reports-count" }, `${event.report_count} reports`) : null,
    el("span", { class: "where" }, where.join(", ") || "place unknown"),
    el("span", { class: "who" }, who || "actors unknown"));
  return row;
}

const LIST_LIMIT = 500;

function showList() {
  const events = state.doc ? state.doc.events : state.events;
  const heading = state.doc ? "Events in this article"
    : `${state.events.length} ${mergedBox.checked ? "happenings (reports of one event merged)" : "events"}`;
  // Thousands of rows would freeze the page; the map still shows every event.
  const shown = events.slice(0, LIST_LIMIT);
  panel.replaceChildren(
    el("h3", {}, heading),
    events.length ? el("ul", { class: "event-list" }, shown.map(eventRow))
                  : el("p", { class: "claim" }, "No events match the filters."),
    events.length > shown.length
      ? el("p", { class: "claim" }, `Showing the first ${shown.length}: narrow the filters or the timeline to see the others.`)
      : null);
}

function docTitle(doc) {
  return doc.title || (doc.file ? doc.file.split(/[\\/]/).pop() : null) || "(untitled)";
}

function hedgeBadge(value) {
  return value ? el("span", { class: `hedge ${value}` }, value.replace(/_/g, " ")) : null;
}

function evidenceLinks(spans, docId, eventId) {
  return (spans || []).map(([start, end]) => el("a", {
    class: "evidence", href: "#", title: "Show this in the article", dataset: { start, end },
    onclick: (e) => { e.preventDefault(); openReading(docId, eventId, [start, end]); },
  }, "text ›"));
}

function figureCell(f, docId, eventId, what, actors) {
  const value = f.value ?? f.count;
  // A figure's party is a role ("actor1"); the reader wants the actor's name.
  const side = f.party ? (actors.find((a) => a.role === f.party)?.name || f.party) : null;
  return [
    el("div", {}, value === null || value === undefined ? "—" : String(value), " ", what ? what(f) : "",
       " ", hedgeBadge(f.qualifier), ...evidenceLinks(f.evidence, docId, eventId)),
    el("div", { class: "claim" },
      [side ? `side: ${side}` : null, f.source ? `according to ${f.source}` : "no source named",
       f.text ? `“${f.text}”` : null].filter(Boolean).join(" · ")),
  ];
}

function detailView(detail) {
  const r = detail.record;
  const docId = detail.document.id;
  const rows = [];
  const row = (label, ...cells) => rows.push(el("tr", {}, el("th", {}, label), el("td", {}, ...cells)));
  const links = (spans) => evidenceLinks(spans, docId, detail.id);

  row("Type", typeLabel(r.event_type), " / ", subTypeLabel(r.sub_event_type), ...links(r.evidence?.slice(0, 1)));
  const d = r.date || {};
  row("Date", d.start ? (d.end && d.end !== d.start ? `${d.start} – ${d.end}` : d.start) : "unknown",
      " ", el("span", { class: "claim" }, [PRECISION[d.precision], d.basis, d.text ? `“${d.text}”` : null].filter(Boolean).join(" · ")),
      ...links(d.evidence));
  for (const loc of r.locations || []) {
    row("Place", loc.name || loc.text, " ",
        el("span", { class: "claim" }, [loc.admin1, countryLabel(loc.country), GEO_PRECISION[loc.geo_precision],
                                         loc.lat !== null ? `${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` : null,
                                         loc.text && loc.text !== loc.name ? `“${loc.text}”` : null].filter(Boolean).join(" · ")),
        ...links(loc.evidence));
  }
  for (const a of r.actors || []) {
    row(ROLES[a.role] || a.role, a.name || a.text, " ",
        el("span", { class: "claim" }, a.text && a.text !== a.name ? `“${a.text}”` : ""), ...links(a.evidence));
  }
  const actors = r.actors || [];
  for (const f of r.fatalities || []) row("Killed", ...figureCell(f, docId, detail.id, null, actors));
  for (const f of r.injuries || []) row("Wounded", ...figureCell(f, docId, detail.id, null, actors));
  for (const f of r.participants || []) row("Taking part", ...figureCell(f, docId, detail.id, (x) => x.kind || "", actors));
  for (const m of r.materiel || []) {
    row("Materiel", ...figureCell(m, docId, detail.id, (x) => `${materielLabel(x.kind, x.count)} ${x.outcome || ""}`, actors));
  }
  for (const s of r.sources || []) {
    row("Source", s.speaker || "unnamed", " ",
        el("span", { class: "claim" }, [s.affiliation, s.cue ? `(${s.cue})` : null].filter(Boolean).join(" ")),
        ...links(s.evidence));
  }
  row("Certainty", hedgeBadge(r.certainty));
  if (r.interaction) row("Interaction", String(r.interaction));

  const doc = detail.document;
  const docUrl = safeUrl(doc.url);
  const body = [
    el("div", { class: "panel-actions" },
      el("button", { type: "button", onclick: () => closeEvent() }, "← All events"),
      el("button", { type: "button", id: "open-reading", onclick: () => openReading(docId, detail.id) },
         "Read the article")),
    el("h2", { style: `color:${colour(r.event_type)}` }, typeLabel(r.event_type)),
    el("div", { class: "sub" }, subTypeLabel(r.sub_event_type)),
    r.notes ? el("p", { class: "notes" }, r.notes) : null,
    el("table", { class: "fields" }, el("tbody", {}, rows)),
    el("h3", {}, "Article"),
    el("div", {}, docTitle(doc)),
    el("div", { class: "claim" }, [doc.outlet, doc.published].filter(Boolean).join(" · "),
       " ", docUrl ? el("a", { href: docUrl, target: "_blank", rel: "noopener noreferrer" }, "original") : (doc.url ? doc.url : "")),
  ];
  const merged = detail.merged;
  if (merged && merged.reports && merged.reports.length > 1) {
    body.push(el("h3", {}, `Told by ${merged.reports.length} reports`),
      el("ol", { class: "reports" }, merged.reports.map((rep) => el("li", {},
        el("a", { href: "#", onclick: (e) => { e.preventDefault(); selectEvent(rep.event.id); } },
          rep.document.outlet || rep.document.title || rep.document.id),
        " · ", rep.document.published || "",
        rep.event.fatalities?.length ? ` · ${rep.event.fatalities.map((f) => `${f.value} killed${f.source ? ` (${f.source})` : ""}`).join(", ")}` : ""))));
  }
  if (detail.corrections && detail.corrections.length) {
    body.push(el("h3", {}, "Corrections"), el("ul", { class: "reports" }, detail.corrections.map((c) =>
      el("li", {}, `${c.field}: ${c.old_value ?? "—"} → ${c.new_value} (${c.by}, ${c.at.slice(0, 10)})`))));
  }
  return el("div", { class: "event-detail", dataset: { eventId: detail.id } }, body);
}

async function selectEvent(id) {
  try {
    const detail = await api(`/api/events/${encodeURIComponent(id)}`);
    if (detail.kind !== "report") return;
    state.selected = id;
    state.detail = detail;
    panel.replaceChildren(detailView(detail));
    panel.scrollTop = 0;
    document.querySelectorAll(".event-marker").forEach((m) => m.classList.toggle("selected", (m.dataset.reports || "").split(" ").includes(id)));
    if (state.doc) {
      if (state.doc.document.id === detail.document.id) highlight(id);
      else await openReading(detail.document.id, id);
    }
    updateHash();
  } catch (e) {
    showError(e);
  }
}

function closeEvent() {
  state.selected = null;
  state.detail = null;
  document.querySelectorAll(".event-marker.selected").forEach((m) => m.classList.remove("selected"));
  highlight(null);
  showList();
  updateHash();
}

/* ---------- reading view ---------- */

function renderText(text, events) {
  // Offsets count code points (Python's str); JavaScript strings count UTF-16 units.
  const chars = Array.from(text);
  const spans = [];
  for (const ev of events) {
    for (const s of ev.evidence) spans.push({ start: s.start, end: s.end, event: ev.id, field: s.field });
  }
  const cuts = new Set([0, chars.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(chars.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = chars.slice(a, b).join("");
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { out.push(piece); continue; }
    const fields = covering.filter((s) => s.field !== "event");
    out.push(el("mark", {
      class: fields.length ? "ev field" : "ev",
      dataset: { events: [...new Set(covering.map((s) => s.event))].join(" "),
                 fields: [...new Set(fields.map((s) => `${s.event}:${s.field}`))].join(" "),
                 start: a, end: b },
      title: [...new Set(fields.map((s) => s.field))].join(", ") || "event",
    }, piece));
  }
  return out;
}

function smallestCoveringEvent(mark) {
  // Where spans of several events overlap, the click means the most specific one.
  const a = Number(mark.dataset.start), b = Number(mark.dataset.end);
  let best = null;
  for (const ev of state.doc.events) {
    for (const s of ev.evidence) {
      if (s.start <= a && s.end >= b && (!best || s.end - s.start < best.len)) best = { id: ev.id, len: s.end - s.start };
    }
  }
  return best?.id;
}

function highlight(eventId, focus) {
  const marks = document.querySelectorAll("#doc-text mark.ev");
  let first = null;
  for (const m of marks) {
    const active = !!eventId && m.dataset.events.split(" ").includes(eventId);
    m.classList.toggle("active", active);
    const inFocus = !!focus && Number(m.dataset.start) >= focus[0] && Number(m.dataset.end) <= focus[1];
    m.classList.toggle("focus", inFocus);
    if (!first && (focus ? inFocus : active)) first = m;
  }
  first?.scrollIntoView({ block: "center" });
}

async function openReading(docId, eventId, focus) {
  try {
    if (!state.doc || state.doc.document.id !== docId) {
      const doc = await api(`/api/documents/${encodeURIComponent(docId)}`);
      state.doc = { document: doc.document, text: doc.text, events: doc.events };
      const meta = doc.document;
      const url = safeUrl(meta.url);
      document.getElementById("doc-meta").replaceChildren(
        el("div", { class: "title" }, docTitle(meta)),
        el("div", { class: "meta" }, [meta.outlet, meta.published, meta.language].filter(Boolean).join(" · "), " ",
           url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, url) : (meta.url || "")));
      document.getElementById("doc-text").replaceChildren(...renderText(doc.text, doc.events));
    }
    document.getElementById("map").hidden = true;
    document.getElementById("reading").hidden = false;
    if (eventId && eventId !== state.selected) {
      await selectEvent(eventId);
    } else if (!eventId) {
      showList();
    }
    highlight(eventId || state.selected, focus);
    updateHash();
  } catch (e) {
    showError(e);
  }
}

function closeReading() {
  state.doc = null;
  document.getElementById("reading").hidden = true;
  document.getElementById("map").hidden = false;
  map.invalidateSize();
  if (state.detail) panel.replaceChildren(detailView(state.detail)); else showList();
  updateHash();
}

document.getElementById("doc-text").addEventListener("click", (e) => {
  const mark = e.target.closest("mark.ev");
  if (!mark) return;
  const id = smallestCoveringEvent(mark);
  if (id) selectEvent(id);
});
document.getElementById("back-to-map").addEventListener("click", closeReading);

/* ---------- state in the URL, so a view can be shared or reloaded ---------- */

function updateHash() {
  const params = new URLSearchParams(filters());
  if (mergedBox.checked) params.set("merged", "1");
  if (state.selected) params.set("event", state.selected);
  if (state.doc) params.set("doc", state.doc.document.id);
  const hash = params.toString();
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname);
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const [key, input] of Object.entries(filterInputs)) if (params.has(key)) input.value = params.get(key);
  mergedBox.checked = params.get("merged") === "1";
  if (params.get("since")) state.range = { since: params.get("since"), until: params.get("until") || "" };
  document.getElementById("range-clear").hidden = !state.range;
  return { event: params.get("event"), doc: params.get("doc") };
}

/* ---------- loading ---------- */

async function fetchEvents(f) {
  const events = [];
  for (let offset = 0; offset < 20000; offset += 1000) {
    const page = await api("/api/events", { ...f, limit: 1000, offset });
    events.push(...page.items);
    if (events.length >= page.total || !page.items.length) break;
  }
  return events;
}

let refreshing = 0;
async function refresh(fit = false) {
  const ticket = ++refreshing;
  document.body.classList.add("loading");
  try {
    showError(null);
    const [events, stats] = await Promise.all([
      fetchEvents({ ...filters(), merged: mergedBox.checked }),
      api("/api/stats/daily", { ...filters({ withDates: false }), merged: mergedBox.checked }),
    ]);
    if (ticket !== refreshing) return;  // a newer refresh superseded this one
    state.events = events;
    drawMarkers(fit);
    drawTimeline(stats.days);
    const dead = events.reduce((s, e) => s + (e.fatalities_best || 0), 0);
    document.getElementById("summary").textContent =
      `${events.length} ${mergedBox.checked ? "happenings" : "events"} · ${dead} killed`;
    if (!state.selected && !state.doc) showList();
    updateHash();
  } catch (e) {
    showError(e);
  } finally {
    if (ticket === refreshing) document.body.classList.remove("loading");
  }
}

async function fillPickers() {
  const [vocab, actors, places] = await Promise.all([api("/api/vocabulary"), api("/api/actors"), api("/api/places")]);
  state.vocab = vocab;
  for (const [code, label] of Object.entries(vocab.event_types)) {
    filterInputs.type.append(el("option", { value: code }, label));
  }
  document.getElementById("actor-names").replaceChildren(...actors.items.map((a) => el("option", { value: a.name })));
  const countries = [...new Set(places.items.map((p) => p.country).filter(Boolean))].sort();
  for (const code of countries) filterInputs.country.append(el("option", { value: code }, countryLabel(code)));
}

for (const [key, input] of Object.entries(filterInputs)) {
  input.addEventListener("change", () => {
    if (key === "since" || key === "until") {
      state.range = filterInputs.since.value ? { since: filterInputs.since.value, until: filterInputs.until.value } : null;
      document.getElementById("range-clear").hidden = !state.range;
    }
    refresh();
  });
}
document.getElementById("f-clear").addEventListener("click", () => {
  for (const input of Object.values(filterInputs)) input.value = "";
  setRange(null);
});
document.getElementById("range-clear").addEventListener("click", () => setRange(null));
mergedBox.addEventListener("change", () => refresh());

async function main() {
  try {
    const wanted = readHash();
    await Promise.all([fillPickers(), loadBasemap()]);
    readHash();  // the pickers now have their options
    legend();
    await refresh(true);
    if (wanted.doc) await openReading(wanted.doc, wanted.event);
    else if (wanted.event) await selectEvent(wanted.event);
    document.body.dataset.ready = "true";  // for tests and scripts: first render done
  } catch (e) {
    showError(e);
  }
}

// A handle for scripts and the browser tests (read the state, find a day on the timeline).
window.warlogUI = { state, map, timeline: () => plot };

main();
