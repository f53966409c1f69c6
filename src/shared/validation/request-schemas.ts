/**
 * Ties each domain's request validators to its request types at compile time: a method without a
 * validator, a validator without a method, or a validator whose output differs from the declared
 * request type by one key or one optional mark does not compile.
 */
import type { z } from 'zod';

/** True only when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** What a validator must output: the request type, with a void request handed on as undefined. */
type Parsed<Req> = [Req] extends [void] ? undefined : Req;

type Checked<Api, S> = {
  [K in keyof S]: K extends keyof Api
    ? Api[K] extends { req: infer Req }
      ? Equal<z.output<S[K]>, Parsed<Req>> extends true
        ? S[K]
        : { error: 'the validator does not output exactly the request type'; method: K }
      : never
    : { error: 'no such method in the contract'; method: K };
};

/**
 * `requestSchemas<ProjectApi>()({ createDeck: request({ name: text() }), ... })`: the map of
 * validators of one domain, checked against its contract.
 */
export function requestSchemas<Api>() {
  return <S extends { [M in keyof Api]: z.ZodType }>(schemas: S & Checked<Api, S>): S => schemas;
}
