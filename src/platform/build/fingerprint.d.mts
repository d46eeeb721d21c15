export declare const buildInputs: string[];
export declare const buildDir: (root: string) => string;
export declare const stampFile: (root: string) => string;
export declare function sourceFingerprint(root: string): string;
export declare function buildIsFresh(root: string): boolean;
