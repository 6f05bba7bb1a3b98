// Vite's "?raw" import: a file's text (test/security-headers.test.ts reads static/_headers with it).
declare module "*?raw" {
  const text: string;
  export default text;
}
