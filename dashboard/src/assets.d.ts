/** Vite turns `import url from './file?url'` into the built asset's URL (see vite/client). */
declare module '*?url' {
  const url: string;
  export default url;
}
