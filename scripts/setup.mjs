#!/usr/bin/env node
// Makes a fresh Debian machine with Node 20 and npm ready to build: runs `npm install` when the installed
// packages are missing or older than package-lock.json, and installs Chromium, poppler-utils (pdftotext,
// pdfinfo, pdffonts) and qpdf from Debian when they are missing. Puppeteer never downloads a browser:
// we use puppeteer-core with Debian's Chromium (PUPPETEER_EXECUTABLE_PATH overrides).
// Plain Node with no dependencies, because it runs before they are installed.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quiet = Boolean(process.env.CI);
const say = (message) => { if (!quiet) process.stderr.write(`setup: ${message}\n`); };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"] });
  if (result.status !== 0) {
    process.stderr.write(`setup: '${command} ${args.join(" ")}' failed (exit ${result.status})\n`);
    process.exit(result.status ?? 1);
  }
}

// 1. npm packages
const installed = join(root, "node_modules", ".package-lock.json");
const lock = join(root, "package-lock.json");
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  // `npm ci` installs exactly the committed lock and never rewrites it, so the Quick start leaves the
  // work tree clean. The lock lists every platform's optional packages (written by a full `npm install`).
  say("installing npm packages");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

// 2. System tools from Debian
const has = (tool) => spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
const chromium = process.env.PUPPETEER_EXECUTABLE_PATH || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const missing = [];
if (!chromium) missing.push("chromium");
if (!has("pdftotext") || !has("pdfinfo") || !has("pdffonts")) missing.push("poppler-utils");
if (!has("qpdf")) missing.push("qpdf");
// Fonts are shipped in npm packages; fontconfig (which Chromium uses) must be there to install them for print.
if (!has("fc-list")) missing.push("fontconfig");
if (missing.length) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !has("apt-get")) {
    process.stderr.write(`setup: missing ${missing.join(", ")}. Install with: sudo apt-get install ${missing.join(" ")}\n`);
    process.exit(2);
  }
  say(`installing ${missing.join(", ")} from Debian`);
  run("apt-get", ["update", "-qq"]);
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { stdio: quiet ? "ignore" : "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}
