import { SerializerSelector, type Options } from '@fastify/fast-json-stringify-compiler';

type Compile = ReturnType<ReturnType<typeof SerializerSelector>>;

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled when its route first
 * answers with that status instead of at boot, where compiling every route's responses cost most
 * of the start (docs/adr/0010).
 */
export function buildSerializer(externalSchemas?: unknown, options?: Options) {
  const compile = SerializerSelector()(externalSchemas, options);
  return (route: Parameters<Compile>[0]) => {
    let serialize: ReturnType<Compile> | undefined;
    return (doc: unknown) => (serialize ??= compile(route))(doc);
  };
}
