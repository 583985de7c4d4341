/** panelpress serve [--port N]: a live preview on http://localhost:8080 that rebuilds as files are saved (src/serve/). */
import { parseArgs } from "node:util";
import { startPreview, PREVIEW_DIR } from "../serve/server.ts";
import { EXIT, missingTemplates, type Command } from "./command.ts";

export const serveCommand: Command = {
  name: "serve",
  usage: "serve [--port 8080]   preview on http://localhost:8080, rebuilt on every save; /pdf/<meeting>/<paper> prints a paper",
  async run(argv, { root, stdout, stderr }) {
    const { values } = parseArgs({ args: argv, options: { port: { type: "string", default: "8080" } } });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      stderr("--port must be a number from 0 to 65535\n");
      return EXIT.usage;
    }
    const noTemplates = missingTemplates(root);
    if (noTemplates) {
      stderr(noTemplates);
      return EXIT.usage;
    }
    // Progress goes to the terminal always: serve is only ever run by a person watching it.
    const log = (message: string) => stderr(`• ${message}\n`);
    log(`Building the preview into ${PREVIEW_DIR}/ (never _site/)`);
    let preview;
    try {
      preview = await startPreview({ root, port, log });
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
        stderr(`Port ${port} is in use: try 'panelpress serve --port ${port + 1}'\n`);
        return EXIT.usage;
      }
      throw error;
    }
    stdout(`Preview: ${preview.url}  (a paper's PDF: ${preview.url}pdf/<meeting>/<paper>; Ctrl+C stops)\n`);
    await new Promise<void>((done) => {
      const stop = () => void preview.close().then(done);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return EXIT.ok;
  },
};
