// Imported first by tests that stop the bridge: the web app reads its env once, so this must come before
// anything that loads it (the fixture does).
process.env.STUDIO_COMMAND_CLAIM_MS = '1500';
