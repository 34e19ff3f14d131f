/**
 * The names an entry point exports, each with its kind, read by the TypeScript compiler from the
 * entry's module symbol: types count as much as values, since users write code against both.
 */
import ts from 'typescript';

export interface PublicName {
  name: string;
  /** 'value' when it exists at run time (a function, a class, a constant), 'type' when only for the compiler. */
  kind: 'value' | 'type';
}

/** Every exported name of each file, sorted by name. One program for all, as it is the slow part. */
export function publicNames(files: readonly string[]): Map<string, PublicName[]> {
  const configPath = ts.findConfigFile(process.cwd(), ts.sys.fileExists, 'tsconfig.json');
  if (!configPath) throw new Error('tsconfig.json not found');
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, process.cwd());
  const program = ts.createProgram({ rootNames: [...files], options: config.options });
  const checker = program.getTypeChecker();
  const result = new Map<string, PublicName[]>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${file}: not a module`);
    const names = checker.getExportsOfModule(moduleSymbol).map((symbol) => ({ name: symbol.name, kind: kindOf(checker, symbol) }));
    result.set(file, names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
  }
  return result;
}

function kindOf(checker: ts.TypeChecker, symbol: ts.Symbol): PublicName['kind'] {
  // `export type { X }` makes X a type here even when X is a class.
  if (isTypeOnlyExport(symbol)) return 'type';
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return target.flags & ts.SymbolFlags.Value ? 'value' : 'type';
}

function isTypeOnlyExport(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some(
    (declaration) => ts.isExportSpecifier(declaration) && (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly),
  );
}
