/**
 * A value computed once per build's loaded templates and key: a build loads its templates once,
 * so the templates object is the build's identity, and a WeakMap lets the values go with it.
 */
export class OncePerBuild<Owner extends object, Value> {
  readonly #byOwner = new WeakMap<Owner, Map<string, Value>>();

  get(owner: Owner, key: string, compute: () => Value): Value {
    let byKey = this.#byOwner.get(owner);
    if (byKey === undefined) {
      byKey = new Map();
      this.#byOwner.set(owner, byKey);
    }
    const known = byKey.get(key);
    if (known !== undefined) return known;
    const value = compute();
    byKey.set(key, value);
    return value;
  }
}
