// Puppeteer's install step downloads its own Chrome. Skip it when the machine already has
// a Chrome/Chromium (the build finds it at run time: see src/stages/find-browser.ts), because
// the download cannot work on machines without internet access and wastes 150 MB elsewhere.
const { existsSync } = require('node:fs');

const systemBrowsers = [
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].filter(Boolean);

const hasSystemBrowser = systemBrowsers.some((path) => existsSync(path));

module.exports = {
  skipDownload: hasSystemBrowser,
  chrome: { skipDownload: hasSystemBrowser },
  'chrome-headless-shell': { skipDownload: true },
  firefox: { skipDownload: true },
};
