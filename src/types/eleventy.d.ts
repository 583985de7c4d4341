// Eleventy 3 ships no type declarations; this covers the programmatic API panelpress uses.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input: string, output: string, options?: { quietMode?: boolean; configPath?: string; config?: (eleventyConfig: never) => void });
    write(): Promise<unknown>;
    /** Silences its console output (it prints a summary even in quiet mode). */
    disableLogger(): void;
  }
}
