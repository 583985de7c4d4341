/**
 * The private origin the printer serves print documents from (src/print/print.ts): nothing outside the
 * build answers there, so a PDF link left under it leads nowhere (src/a11y/links.ts reports one).
 */
export const PRINT_ORIGIN = "https://print.panelpress.invalid";
