/**
 * `compiledObject(shape)`: a zod/mini object schema that parses with zod's compiled (JIT) object
 * parser, as zod's classic API does; zod/mini's own objects are interpreted. For the schemas run once
 * per message (every post in a page of 100), where the parse is most of the cost. Where a runtime
 * forbids `new Function` (some edge runtimes), zod falls back to the interpreted parser by itself.
 */
import * as z from 'zod/mini';
import * as core from 'zod/v4/core';

type Init = (inst: unknown, def: unknown) => void;
const initCompiled = core.$ZodObjectJIT.init as unknown as Init;
const initMini = z.ZodMiniType.init as unknown as Init;

const ZodMiniCompiledObject = /*@__PURE__*/ core.$constructor('ZodMiniCompiledObject', (inst: z.ZodMiniObject, def: core.$ZodObjectDef) => {
  initCompiled(inst, def);
  initMini(inst, def);
});

// @__NO_SIDE_EFFECTS__
export function compiledObject<const Shape extends core.$ZodShape>(shape: Shape): z.ZodMiniObject<Shape, core.$strip> {
  return new ZodMiniCompiledObject({ type: 'object', shape }) as unknown as z.ZodMiniObject<Shape, core.$strip>;
}
