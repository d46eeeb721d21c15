// How the profile readers (cpu-profile.ts, alloc-profile.ts) name a V8 call frame: by package
// (ours by `src/<dir>/<dir>`) and by function with its file and line.

export interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}

export const packageOf = ({ url, functionName }: Frame) => {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const own = /\/src\/(.*)$/.exec(url);
  return own ? `ours: ${own[1].split('/').slice(0, 3).join('/')}` : url;
};

export const functionOf = ({ url, functionName, lineNumber }: Frame) =>
  `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${lineNumber + 1}`;
