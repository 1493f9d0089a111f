/** Time is passed in: services read it from ctx.clock, domain functions take `now`. */
export type Clock = { now(): Date };
