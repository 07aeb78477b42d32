/**
 * The catalog's two indexes, filled per service on first use. A service is built when a look-up
 * names it (`services.get('ecs')`, `actions.get('ecs:describeinstances')`) and all of them when an
 * index is walked (`*`, `cams:*` in another service's policy, diff, audit): so `eval` and
 * `preflight`, which look up the one action of their request, load one service, not all. Both are
 * `Map`s to every consumer; iteration order is the catalog's order whatever was loaded first.
 */
import type { CatalogAction, CatalogService } from './types.js';

/**
 * Builds one service on demand; `resourceTypeArns`, when its source knows them without building
 * (the built-in services: named-services.ts), are its resource types' ARN templates.
 */
export type ServiceBuilder = (() => CatalogService) & { resourceTypeArns?: readonly string[] };

/** The services, by RAM code; the codes are known before any service is built. */
export class LazyServiceMap extends Map<string, CatalogService> {
  readonly #order: string[];
  readonly #pending: Map<string, ServiceBuilder>;
  readonly #onBuild: (service: CatalogService) => void;

  constructor(entries: Iterable<[string, CatalogService | ServiceBuilder]>, onBuild: (service: CatalogService) => void) {
    super();
    this.#order = [];
    this.#pending = new Map();
    this.#onBuild = onBuild;
    for (const [code, value] of entries) {
      if (!this.#order.includes(code)) this.#order.push(code);
      if (typeof value === 'function') {
        this.#pending.set(code, value);
        super.delete(code);
      } else {
        this.#pending.delete(code);
        super.set(code, value);
      }
    }
  }

  /** The RAM codes built so far, in the order they were built (tests and benchmarks observe loading with it). */
  get built(): string[] {
    return [...super.keys()];
  }

  #build(code: string): void {
    const builder = this.#pending.get(code);
    if (!builder) return;
    this.#pending.delete(code);
    const service = builder();
    super.set(code, service);
    this.#onBuild(service);
  }

  /** A service's resource type templates if known without building it (it is not built, and its source knows them). */
  knownResourceTypeArns(code: string): readonly string[] | undefined {
    return this.#pending.get(code)?.resourceTypeArns;
  }

  /** Builds every service not built yet. */
  buildAll(): void {
    for (const code of this.#order) this.#build(code);
  }

  override get(code: string): CatalogService | undefined {
    this.#build(code);
    return super.get(code);
  }

  override has(code: string): boolean {
    return this.#pending.has(code) || super.has(code);
  }

  override get size(): number {
    return this.#order.length;
  }

  override keys(): MapIterator<string> {
    return this.#order[Symbol.iterator]();
  }

  override *values(): MapIterator<CatalogService> {
    this.buildAll();
    for (const code of this.#order) yield super.get(code)!;
  }

  override *entries(): MapIterator<[string, CatalogService]> {
    this.buildAll();
    for (const code of this.#order) yield [code, super.get(code)!];
  }

  override [Symbol.iterator](): MapIterator<[string, CatalogService]> {
    return this.entries();
  }

  override forEach(callback: (value: CatalogService, key: string, map: Map<string, CatalogService>) => void, thisArg?: unknown): void {
    for (const [code, service] of this.entries()) callback.call(thisArg, service, code, this);
  }

  override set(): this {
    throw new Error('internal: the catalog is read-only');
  }

  override delete(): boolean {
    throw new Error('internal: the catalog is read-only');
  }

  override clear(): void {
    throw new Error('internal: the catalog is read-only');
  }
}

/** The actions, by lower-cased `service:name`: a look-up builds the service it names, a walk builds all. */
export class LazyActionMap extends Map<string, CatalogAction> {
  readonly #byService = new Map<string, Map<string, CatalogAction>>();
  #services: LazyServiceMap | undefined;
  #complete = false;

  /** The services whose actions these are (made after this map: their build callback indexes into it). */
  attach(services: LazyServiceMap): void {
    this.#services = services;
  }

  /** Indexes a service's actions when the service is built. */
  index(service: CatalogService): void {
    this.#byService.set(service.service, new Map(service.actions.map((a) => [a.fullName.toLowerCase(), a])));
    this.#complete = false;
  }

  #all(): void {
    const services = this.#services!;
    services.buildAll();
    if (this.#complete) return;
    super.clear();
    for (const code of services.keys()) for (const [key, action] of this.#byService.get(code) ?? []) super.set(key, action);
    this.#complete = true;
  }

  override get(key: string): CatalogAction | undefined {
    const colon = key.indexOf(':');
    if (colon < 0) return undefined;
    const code = key.slice(0, colon);
    this.#services!.get(code);
    return this.#byService.get(code)?.get(key);
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  override get size(): number {
    this.#all();
    return super.size;
  }

  override keys(): MapIterator<string> {
    this.#all();
    return super.keys();
  }

  override values(): MapIterator<CatalogAction> {
    this.#all();
    return super.values();
  }

  override entries(): MapIterator<[string, CatalogAction]> {
    this.#all();
    return super.entries();
  }

  override [Symbol.iterator](): MapIterator<[string, CatalogAction]> {
    return this.entries();
  }

  override forEach(callback: (value: CatalogAction, key: string, map: Map<string, CatalogAction>) => void, thisArg?: unknown): void {
    for (const [key, action] of this.entries()) callback.call(thisArg, action, key, this);
  }

  override set(): this {
    throw new Error('internal: the catalog is read-only');
  }

  override delete(): boolean {
    throw new Error('internal: the catalog is read-only');
  }

  override clear(): void {
    throw new Error('internal: the catalog is read-only');
  }
}
