import { BadRequest, Conflict } from '../../../platform/http/errors.ts';

/**
 * A category's path lists the ids from the root, '/root-id/.../own-id/', so a category and its
 * descendants share a prefix: a subtree is one `path like 'prefix%'`.
 */
const MAX_DEPTH = 10;

/** The path of a category placed under a parent with this path ('/' for the root). */
export function childPath(parentPath: string, id: string): string {
  const path = `${parentPath}${id}/`;
  if (depthOf(path) >= MAX_DEPTH) throw new BadRequest(`categories nest at most ${MAX_DEPTH} levels deep`);
  return path;
}

/** 0 for a top-level category. */
export const depthOf = (path: string) => path.split('/').length - 3;

/** Moving a category under itself or one of its descendants would make a cycle. */
export function checkMove(currentPath: string, newPath: string): void {
  if (newPath.startsWith(currentPath)) throw new Conflict('a category cannot move under itself or its descendants');
}
