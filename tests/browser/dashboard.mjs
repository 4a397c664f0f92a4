// The analytics dashboard in Debian's Chromium: sign in with a code from the real CLI, read
// the numbers on the page and check them against the API, watch a change arrive live, check
// that the code works once and leaves no token in the page's reach, and fit a phone.
//
// Environment: LIVECHAT_URL, LIVECHAT_BIN, LIVECHAT_CONFIG_DIR (with the profiles),
// ADMIN_PROFILE, STRANGER_PROFILE, SHOTS_DIR.
import { check, env, launch, waiter } from "./common.mjs";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const shots = env("SHOTS_DIR");
mkdirSync(shots, { recursive: true });

const cli = (profile, ...args) =>
  execFileSync(env("LIVECHAT_BIN"), ["--profile", profile, ...args], {
    env: { ...process.env, NO_COLOR: "1", DISPLAY: "", WAYLAND_DISPLAY: "" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
const json = (profile, ...args) => JSON.parse(cli(profile, ...args, "--json"));

let page;
const waitFor = waiter(() => page, join(shots, "dashboard-failed.png"));

const text = (id) => page.locator(`#${id}`).textContent();
const number = async (id) => Number((await text(id)).replaceAll(",", ""));

const browser = await launch();
try {
  const admin = env("ADMIN_PROFILE");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();

  // 1. Sign in with the link `livechat dashboard` prints where there is no display.
  const link = cli(admin, "dashboard").trim();
  check(/\/dashboard#code=lcd_/.test(link), `the CLI prints a link with a code: ${link}`);
  await page.goto(link);
  await waitFor("the page to be ready", async () => (await page.locator("body").getAttribute("data-ready")) === "true",
    async () => await page.locator("#notice").textContent());
  check(!page.url().includes("code="), `the code leaves the address bar: ${page.url()}`);

  // 2. The numbers on the page are the API's.
  const backlog = json(admin, "requests", "backlog");
  await waitFor("the queue counts", async () => (await number("count-new")) === backlog.new,
    async () => `page ${await text("count-new")}, API ${backlog.new}`);
  check((await number("count-assigned")) === backlog.assigned, "assigned matches the API");
  check((await number("count-chatting")) === backlog.chatting, "chatting matches the API");
  const series = json(admin, "stats", "--by", "day", "--since", "30d");
  const sum = (field) => series.buckets.reduce((n, b) => n + b[field], 0);
  for (const field of ["created", "assigned", "resolved", "closed"]) {
    check((await number(`total-${field}`)) === sum(field), `${field} matches the series: page ${await text(`total-${field}`)}, API ${sum(field)}`);
  }
  check((await page.locator("#chart-volume canvas").count()) === 1, "the volume chart is drawn");
  const labels = await page.locator(".tile .label").allTextContents();
  check(new Set(labels).size === labels.length, `every tile says what it counts: ${labels.join(", ")}`);
  const legends = await page.locator(".u-legend").allTextContents();
  check(legends.length > 0 && legends.every((l) => !l.includes("--")), `legends show names, not "--": ${legends.join(" | ")}`);
  const members = json(admin, "stats", "members", "--since", "30d");
  check((await page.locator("#members tr").count()) === members.members.length, "one row per member");

  // 3. A change arrives over the queue stream, without a reload.
  await waitFor("live updates", async () => (await text("live")) === "Live");
  const newest = JSON.parse(cli(admin, "requests", "list", "--state", "new", "--json"))[0];
  cli(admin, "requests", "assign", String(newest.id), "--to", "me");
  await waitFor("the new count to drop", async () => (await number("count-new")) === backlog.new - 1,
    async () => `page ${await text("count-new")}`);
  check((await number("count-assigned")) === backlog.assigned + 1, "assigned rises with it");
  await page.screenshot({ path: join(shots, "dashboard.png"), fullPage: true });

  // 4. The session is an HttpOnly, SameSite=Strict cookie; the page keeps nothing itself.
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "livechat_session");
  check(session && session.httpOnly && session.sameSite === "Strict", `the session cookie: ${JSON.stringify(cookies)}`);
  check(await page.evaluate(() => document.cookie === "" && localStorage.length === 0 && sessionStorage.length === 0),
    "no token within the page's reach");

  // 5. A code works once: the same link in a fresh browser is refused, and says what to do.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto(link);
  await second.waitForFunction(() => document.body.dataset.ready === "error");
  const refused = await second.locator("#notice").textContent();
  check(refused.includes("livechat dashboard"), `a spent code says how to get another: ${refused}`);
  await other.close();

  // 6. Another organization's member sees their own organization only.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto(cli(env("STRANGER_PROFILE"), "dashboard").trim());
  await stranger.waitForFunction(() => document.body.dataset.ready === "true");
  check((await stranger.locator("#total-created").textContent()) === "0", "the stranger sees none of it");
  await strangerContext.close();

  // 7. At phone width nothing runs off the side.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(500);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the page fits a phone (${overflow}px too wide)`);
  await page.screenshot({ path: join(shots, "dashboard-phone.png"), fullPage: true });
  console.log("dashboard: signed in, numbers match the API, live, single-use code, phone width");
} finally {
  await browser.close();
}
