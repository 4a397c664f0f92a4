// What the browser scripts share: their settings, checks that say what failed, polling with
// a screenshot on time-out, and Debian's Chromium started as the tests need it.
import { chromium } from "playwright-core";

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

export const check = (ok, what) => {
  if (!ok) throw new Error(`failed: ${what}`);
};

// A `waitFor(what, probe, detail, ms)` that polls `probe`; on time-out it says what was seen
// (`detail`) and keeps a screenshot of the page `page()` gives at `shot`.
export const waiter = (page, shot) =>
  async function waitFor(what, probe, detail = async () => "", ms = 10000) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await probe()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await page().screenshot({ path: shot, fullPage: true });
    throw new Error(`timed out waiting for ${what} ${await detail()}`);
  };

export const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
