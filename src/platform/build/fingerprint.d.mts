export declare const buildInputs: string[];
export declare const buildDir: (root: string) => string;
export declare const stampFile: (root: string) => string;
export interface InputSnapshot {
  dirs: [path: string, mtimeMs: number, names: string[]][];
  files: [path: string, size: number, mtimeMs: number][];
  absent: string[];
}
export declare function inputSnapshot(root: string): InputSnapshot;
export declare function buildIsFresh(root: string): boolean;
