// GraphQL over HTTP audit (graphql-http's auditServer) of this server.
// Starts `python -m graph serve` on a free loopback port with a throwaway
// SQLite database, runs every audit and prints the counts and each failure.
// Exits with 1 when any audit warns or fails.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { auditServer } from "graphql-http";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const python = join(root, ".venv", "bin", "python");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitUntilHealthy(base, child) {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) throw new Error("server exited before it became healthy");
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("server did not become healthy within 60 s");
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), "graph-audit-"));
const child = spawn(python, ["-m", "graph", "serve", "--host", "127.0.0.1", "--port", String(port)], {
  cwd: root,
  env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
  stdio: ["ignore", "ignore", "inherit"],
});

let failed = 0;
try {
  const base = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(base, child);
  const results = await auditServer({ url: `${base}/graphql` });
  const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
  for (const result of results) {
    counts[result.status] += 1;
    if (result.status !== "ok") {
      console.log(`${result.status.toUpperCase()} ${result.id} ${result.name}: ${result.reason}`);
    }
  }
  console.log(`audits: ${results.length}; ok ${counts.ok}, notices ${counts.notice}, warnings ${counts.warn}, errors ${counts.error}`);
  failed = counts.warn + counts.error;
} finally {
  child.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed > 0 ? 1 : 0);
