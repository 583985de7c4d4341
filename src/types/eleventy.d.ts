// Eleventy 3 ships no type declarations; this covers the programmatic API panelpress uses.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input: string, output: string, options?: { quietMode?: boolean; configPath?: string; config?: (eleventyConfig: never) => void });
    write(): Promise<unknown>;
  }
}
