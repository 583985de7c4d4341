// Eleventy is driven by `panelpress build` (src/pipeline/render.ts): it validates and builds the content
// first, then runs Eleventy on templates/pages/ with the panelpress plugin (src/site/plugin.ts), which
// gives the templates the built site and sets the template formats and the includes and layouts folders.
// Nothing to configure here; a project may leave this file out.
export default function () {}
