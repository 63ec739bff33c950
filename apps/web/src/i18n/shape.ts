/** A translation must have every key of the English source (extra plural forms are allowed). */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> } & Record<string, unknown>;
