// The visitor's web chat, end to end in Debian's Chromium: a visitor submits the form, an
// agent takes the request and talks through the real `livechat` CLI, both sides see the
// messages, and a reload keeps the conversation. A screenshot is taken at every step.
//
// Environment: LIVECHAT_URL, BOT_ID, LIVECHAT_BIN, LIVECHAT_CONFIG_DIR (with the agent's
// profile), AGENT_PROFILE, SHOTS_DIR.
import { check, env, launch, waiter } from "./common.mjs";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const url = env("LIVECHAT_URL");
const bot = env("BOT_ID");
const shots = env("SHOTS_DIR");
const profile = env("AGENT_PROFILE");
mkdirSync(shots, { recursive: true });

const cli = (...args) =>
  execFileSync(env("LIVECHAT_BIN"), ["--profile", profile, ...args], {
    env: { ...process.env, NO_COLOR: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

let page;
const waitFor = waiter(() => page, join(shots, "failed.png"));

const browser = await launch();
try {
  page = await browser.newPage({ viewport: { width: 420, height: 820 } });
  const shot = (name) => page.screenshot({ path: join(shots, name), fullPage: true });
  const bubbles = () => page.locator("#messages li").allTextContents();

  // 1. The visitor fills in the Live Chat Request Form, with the keyboard only.
  // The page renders the bot's own form, as `livechat bots form set` stored it.
  await page.goto(`${url}/chat/${bot}`);
  check(await page.locator("#field-name").evaluate((el) => el === document.activeElement), "the first field has focus");
  await page.getByLabel("Your name").fill("Wren Visitor");
  await page.getByLabel("Order number").fill("A-2001");
  await page.getByLabel("Topic").selectOption("shipping");
  await page.getByLabel("How can we help?").fill("My parcel never came.");
  await shot("01-form.png");
  await page.getByLabel("How can we help?").press("Tab");
  await page.keyboard.press("Enter");
  await page.locator("#chat").waitFor({ state: "visible" });
  await waitFor("the visitor's message and the bot's reply", async () => (await bubbles()).length >= 2);
  const token = await page.evaluate(() => Object.entries(sessionStorage).find(([k]) => k.startsWith("livechat-conversation:"))?.[1]);
  check(token && token.startsWith("lcv_"), "the conversation token is in sessionStorage");
  await shot("02-submitted.png");

  // 2. An agent takes the request and starts the chat through the CLI.
  const queue = JSON.parse(cli("requests", "list", "--state", "new", "--json"));
  const request = queue.find((r) => r.title === "Wren Visitor");
  check(request, "the request is in the queue");
  cli("requests", "assign", String(request.id), "--to", "me");
  cli("requests", "chat", String(request.id), "--send", "Hello Wren, I'm looking into it now.");

  // 3. Messages appear on both sides.
  await waitFor("the agent's message in the page", async () => (await bubbles()).some((t) => t.includes("looking into it now")));
  check((await bubbles()).some((t) => t.includes("The bot is paused")), "the page shows that the bot paused");
  await shot("03-agent-joined.png");
  await page.getByLabel("Your message").fill("Thank you! It was order A-2001.");
  await page.getByLabel("Your message").press("Enter");
  await waitFor("the visitor's reply in the agent's transcript", async () => {
    const detail = JSON.parse(cli("requests", "show", String(request.id), "--json"));
    return detail.messages.some((m) => m.sender === "visitor" && m.body.includes("It was order A-2001"));
  });
  const detail = JSON.parse(cli("requests", "show", String(request.id), "--json"));
  check(!detail.messages.slice(-2).some((m) => m.sender === "bot"), "the bot stays silent while the agent chats");
  await waitFor("the visitor's reply in the page", async () => (await bubbles()).some((t) => t.includes("It was order A-2001")));
  await shot("04-conversation.png");

  // 4. A reload keeps the conversation, once each.
  const before = await bubbles();
  await page.reload();
  await waitFor("the conversation after the reload", async () => (await bubbles()).length === before.length,
    async () => `(before: ${JSON.stringify(before)}; after: ${JSON.stringify(await bubbles())})`);
  check((await bubbles()).join("|") === before.join("|"), "the reloaded conversation has the same messages, once each");
  await shot("05-reloaded.png");

  // 5. Errors are shown, never swallowed.
  await page.getByLabel("Your message").fill("x".repeat(10001));
  await page.getByLabel("Your message").press("Enter");
  await page.locator("#status").waitFor({ state: "visible" });
  check((await page.locator("#status").textContent()).includes("limit is 10000"), "a too-long message is explained");
  await shot("06-error.png");

  // 6. The agent resolves: the page says so, not only that the agent left.
  await page.getByLabel("Your message").fill("");
  cli("requests", "resolve", String(request.id), "--note", "Reshipped order A-2001");
  await page.locator("#state-note").waitFor({ state: "visible" });
  check((await page.locator("#state-note").textContent()).includes("resolved"), "the page says the request is resolved");
  await shot("07-resolved.png");

  console.log(`browser test passed; screenshots in ${shots}`);
} finally {
  await browser.close();
}
