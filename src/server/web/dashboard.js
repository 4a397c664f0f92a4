// The dashboard's script: signs in with the code in the address's fragment, then draws the
// API's series with uPlot and keeps the queue's counts live over the queue stream. The
// session is an HttpOnly cookie; nothing is kept in the page's storage.
"use strict";

const $ = (id) => document.getElementById(id);
const charts = {};

function notice(text) {
  const box = $("notice");
  box.textContent = "";
  // `livechat …` commands are shown as code.
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith("`") && part.endsWith("`")) {
      const code = document.createElement("code");
      code.textContent = part.slice(1, -1);
      box.appendChild(code);
    } else {
      box.appendChild(document.createTextNode(part));
    }
  });
  box.style.display = text ? "block" : "none";
}

async function api(path) {
  const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.message || `the server answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

async function signIn() {
  const match = location.hash.match(/code=([A-Za-z0-9_-]+)/);
  if (!match) return;
  // The code is spent either way: take it out of the address and the history.
  history.replaceState(null, "", location.pathname);
  const response = await fetch("/v1/dashboard/session", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: match[1] }),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw Object.assign(new Error(body.message || "signing in failed"), { status: response.status });
  }
}

function duration(seconds) {
  if (seconds == null) return "–";
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)}h`;
  return `${(seconds / 86400).toFixed(1)}d`;
}

const number = (n) => n.toLocaleString("en");

async function refreshQueue() {
  const backlog = await api("/v1/requests/backlog");
  $("count-new").textContent = number(backlog.new);
  $("count-assigned").textContent = number(backlog.assigned);
  $("count-chatting").textContent = number(backlog.chatting);
  $("oldest-new").textContent = duration(backlog.oldest_new_age_seconds);
}

let queueTimer = null;
function queueChanged() {
  // Many changes at once (a bulk assign) cost one refresh.
  clearTimeout(queueTimer);
  queueTimer = setTimeout(() => refreshQueue().catch(showError), 300);
}

function followQueue() {
  const stream = new EventSource("/v1/events");
  stream.addEventListener("open", () => {
    $("live").textContent = "Live";
    $("live").classList.add("on");
    queueChanged();
  });
  stream.addEventListener("state", queueChanged);
  stream.addEventListener("error", () => {
    $("live").textContent = "Reconnecting to live updates…";
    $("live").classList.remove("on");
    // A session that ran out fails every reconnection: say so, and stop.
    api("/v1/me").catch((error) => {
      if (error.status === 401) {
        stream.close();
        $("live").textContent = "Live updates stopped";
        showError(error);
      }
    });
  });
}

function draw(id, series, data) {
  const element = $(id);
  const width = Math.max(280, element.clientWidth);
  const options = {
    width,
    height: 220,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{}, { size: 50 }],
    // A legend names the series; values while nothing is hovered would read "--".
    legend: { live: false },
    series: [{}].concat(series.map((s) => ({
      label: s.label,
      stroke: s.color,
      fill: s.bars ? s.color + "99" : undefined,
      width: 2,
      paths: s.bars ? uPlot.paths.bars({ size: [0.6, 60], gap: 2 }) : undefined,
      points: { show: !s.bars },
      spanGaps: false,
    }))),
  };
  clearChart(id);
  element.textContent = "";
  charts[id] = new uPlot(options, data, element);
}

function clearChart(id) {
  if (charts[id]) charts[id].destroy();
  delete charts[id];
}

// Without the window's figures, nothing of an earlier window stays on screen.
function clearWindow() {
  for (const field of ["created", "assigned", "resolved", "closed"]) $(`total-${field}`).textContent = "–";
  for (const id of Object.keys(charts)) clearChart(id);
  $("members").textContent = "";
}

const minutes = (v) => (v == null ? null : Math.round((v / 60) * 10) / 10);

async function refreshWindow() {
  const since = $("window").value;
  const bucket = $("bucket").value;
  let series, members;
  try {
    [series, members] = await Promise.all([
      api(`/v1/stats/series?since=${since}&bucket=${bucket}`),
      api(`/v1/stats/members?since=${since}`),
    ]);
  } catch (error) {
    if (error.status === 400) {
      clearWindow();
      notice(`${error.message}.`);
      return;
    }
    throw error;
  }
  notice("");
  const buckets = series.buckets;
  const total = (field) => number(buckets.reduce((sum, b) => sum + b[field], 0));
  $("total-created").textContent = total("created");
  $("total-assigned").textContent = total("assigned");
  $("total-resolved").textContent = total("resolved");
  $("total-closed").textContent = total("closed");
  const x = buckets.map((b) => Date.parse(b.start) / 1000);
  const field = (f) => buckets.map(f);
  draw("chart-volume", [
    { label: "created", color: "#2563eb", bars: true },
    { label: "resolved", color: "#16a34a" },
  ], [x, field((b) => b.created), field((b) => b.resolved)]);
  draw("chart-backlog", [{ label: "open", color: "#d97706" }], [x, field((b) => b.backlog)]);
  draw("chart-resolve", [
    { label: "median", color: "#7c3aed" },
    { label: "p90", color: "#db2777" },
  ], [x, field((b) => minutes(b.time_to_resolve.median_seconds)), field((b) => minutes(b.time_to_resolve.p90_seconds))]);
  draw("chart-assign", [
    { label: "median", color: "#0891b2" },
    { label: "p90", color: "#64748b" },
  ], [x, field((b) => minutes(b.time_to_assign.median_seconds)), field((b) => minutes(b.time_to_assign.p90_seconds))]);
  const rows = $("members");
  rows.textContent = "";
  for (const m of members.members) {
    const row = document.createElement("tr");
    const cells = [m.member.name, number(m.holding), number(m.assigned), number(m.resolved),
      duration(m.time_to_first_agent_message.median_seconds), duration(m.time_to_resolve.median_seconds)];
    for (const text of cells) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.appendChild(cell);
    }
    rows.appendChild(row);
  }
}

function showError(error) {
  if (error.status === 401) {
    $("who").textContent = "Not signed in";
    const hint = error.message.includes("livechat dashboard") ? "" : " To sign in, run `livechat dashboard` and open the link it gives.";
    notice(`${error.message}.${hint}`);
  } else {
    notice(`Something went wrong: ${error.message}`);
  }
}

async function start() {
  try {
    await signIn();
    const me = await api("/v1/me");
    $("who").textContent = `${me.name} · ${me.organization.name}`;
    await Promise.all([refreshQueue(), refreshWindow()]);
    followQueue();
    $("window").addEventListener("change", () => refreshWindow().catch(showError));
    $("bucket").addEventListener("change", () => refreshWindow().catch(showError));
    let resized = null;
    window.addEventListener("resize", () => {
      clearTimeout(resized);
      resized = setTimeout(() => {
        for (const [id, chart] of Object.entries(charts)) {
          chart.setSize({ width: Math.max(280, $(id).clientWidth), height: 220 });
        }
      }, 200);
    });
    document.body.dataset.ready = "true";
  } catch (error) {
    showError(error);
    document.body.dataset.ready = "error";
  }
}

start();
