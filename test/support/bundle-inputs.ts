/**
 * Which source files a browser bundle of `everywhere` + one adapter loads at once, and which only through a
 * dynamic `import()`: built as bench/bundle.ts builds it (esbuild, browser platform, code splitting), the
 * entry and the chunks it imports statically are the bundle, every other chunk is loaded lazily.
 */
import { build } from 'esbuild';

/** `eagerCode`: the text of the entry and its static chunks, what every bundle carries. */
export async function bundleInputs(adapter: string): Promise<{ bundled: Set<string>; lazy: Set<string>; eagerCode: string }> {
  const result = await build({
    stdin: { contents: `export * from './src/index.ts';\nexport * from './src/${adapter}/index.ts';`, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    splitting: true,
    outdir: 'bundle-inputs-out',
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const imported of outputs[path]!.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  // The entry itself: a file loaded by import() is an entry point of its own chunk, in any order.
  visit(Object.keys(outputs).find((path) => outputs[path]!.entryPoint === 'entry.ts')!);
  const inputsOf = (paths: string[]) => new Set(paths.flatMap((path) => Object.keys(outputs[path]!.inputs)).filter((input) => input.startsWith('src/')));
  const chunks = Object.keys(outputs).filter((path) => path.endsWith('.js'));
  const eagerCode = result.outputFiles.filter((file) => [...loaded].some((path) => file.path.endsWith(path))).map((file) => file.text).join('\n');
  return { bundled: inputsOf(chunks.filter((path) => loaded.has(path))), lazy: inputsOf(chunks.filter((path) => !loaded.has(path))), eagerCode };
}
