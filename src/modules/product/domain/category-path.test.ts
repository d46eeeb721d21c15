import { describe, expect, it } from 'vitest';
import { checkMove, childPath, depthOf } from './category-path.ts';

describe('category paths', () => {
  it('nests by appending the id, and counts depth from the root', () => {
    const top = childPath('/', 'a');
    const sub = childPath(top, 'b');
    expect([top, sub]).toEqual(['/a/', '/a/b/']);
    expect([depthOf(top), depthOf(sub)]).toEqual([0, 1]);
  });

  it('refuses an eleventh level', () => {
    let path = '/';
    for (let i = 0; i < 10; i++) path = childPath(path, `c${i}`);
    expect(() => childPath(path, 'deep')).toThrow(/at most 10 levels/);
  });

  it('refuses a move under itself or a descendant', () => {
    expect(() => checkMove('/a/', '/a/b/a/')).toThrow(/cannot move under itself/);
    expect(() => checkMove('/a/b/', '/c/b/')).not.toThrow();
  });
});
