// Vite turns `?url` imports into the URL of the file it copies next to the built page.
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
