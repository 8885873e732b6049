import {
  branchHandles,
  canvasEdge,
  canvasToDefinition,
  COLUMN_GAP,
  defaultNodeParams,
  defaultTriggerParams,
  definitionToCanvas,
  newNodeId,
  TRIGGER_ID,
  wouldCycle,
  type CanvasEdge,
  type CanvasNode,
  type DefinitionDraft,
  type StepData,
} from '#lib/client/workflow-graph.ts';
import { layoutCanvas } from '#lib/client/workflow-layout.ts';

type Snapshot = { nodes: CanvasNode[]; edges: CanvasEdge[]; settings: Record<string, unknown> };
/** What copy puts on the clipboard: nodes (not the trigger) and the edges between them. */
export type CanvasClip = { nodes: Array<{ id: string; position: { x: number; y: number }; data: StepData }>; edges: Array<{ from: string; label: string; to: string }> };

const HISTORY_LIMIT = 100;
/** Edits to one field within this time are one undo step, as in any text editor. */
const COALESCE_MS = 1_000;

/** Shared by every editor in the tab, so a copy in one workflow pastes into another. */
let clipboard: CanvasClip | null = null;

/**
 * The workflow being edited: the canvas's nodes and edges (which the canvas binds to), the
 * settings, undo/redo history and whether anything changed since the last save. Every edit
 * goes through a method that records the state before it, so one undo takes back one edit.
 */
export class WorkflowDraft {
  nodes = $state.raw<CanvasNode[]>([]);
  edges = $state.raw<CanvasEdge[]>([]);
  settings = $state.raw<Record<string, unknown>>({});
  #past = $state.raw<Snapshot[]>([]);
  #future = $state.raw<Snapshot[]>([]);
  #savedJson = $state('');
  #lastCheckpoint = { key: '', at: 0 };

  readonly definition = $derived<DefinitionDraft>(canvasToDefinition(this.nodes, this.edges, this.settings));
  readonly dirty = $derived(JSON.stringify(this.definition) !== this.#savedJson);
  readonly canUndo = $derived(this.#past.length > 0);
  readonly canRedo = $derived(this.#future.length > 0);
  readonly trigger = $derived(this.nodes.find((node) => node.id === TRIGGER_ID));

  /** Shows a definition (a saved version, a run's version), laid out when it has no positions yet. */
  load(definition: DefinitionDraft): void {
    const { nodes, edges, positioned } = definitionToCanvas(definition);
    this.nodes = positioned ? nodes : layoutCanvas(nodes, edges);
    this.edges = edges;
    this.settings = { ...(definition.settings ?? {}) };
    this.#past = [];
    this.#future = [];
    this.markSaved();
  }

  /** The given definition (by default the current one) is what was last saved. */
  markSaved(definition: DefinitionDraft = canvasToDefinition(this.nodes, this.edges, this.settings)): void {
    this.#savedJson = JSON.stringify(definition);
  }

  /**
   * Records the state before an edit, for undo. Calls with the same `key` within a second
   * (typing in one field) make one step.
   */
  checkpoint(key = ''): void {
    const now = Date.now();
    if (key && key === this.#lastCheckpoint.key && now - this.#lastCheckpoint.at < COALESCE_MS) {
      this.#lastCheckpoint.at = now;
      return;
    }
    this.#lastCheckpoint = { key, at: now };
    this.#past = [...this.#past.slice(-HISTORY_LIMIT + 1), this.#snapshot()];
    this.#future = [];
  }

  undo(): void {
    const previous = this.#past.at(-1);
    if (!previous) return;
    this.#future = [...this.#future, this.#snapshot()];
    this.#past = this.#past.slice(0, -1);
    this.#restore(previous);
  }

  redo(): void {
    const next = this.#future.at(-1);
    if (!next) return;
    this.#past = [...this.#past, this.#snapshot()];
    this.#future = this.#future.slice(0, -1);
    this.#restore(next);
  }

  /** Adds a node of the type; after `from` (a node and branch) it is connected and placed to its right. */
  addNode(type: string, options: { position?: { x: number; y: number }; from?: { nodeId: string; label: string }; accountId: string | null }): string {
    this.checkpoint();
    const id = newNodeId(type, this.nodes.map((node) => node.id));
    const source = options.from ? this.nodes.find((node) => node.id === options.from!.nodeId) : undefined;
    const siblings = options.from ? this.edges.filter((edge) => edge.source === options.from!.nodeId).length : 0;
    const position = options.position ?? (source ? { x: source.position.x + COLUMN_GAP, y: source.position.y + siblings * 140 } : this.#freeSpot());
    const node: CanvasNode = { id, type: 'step', position, selected: true, data: { kind: 'action', type, params: defaultNodeParams(type, options.accountId) } };
    this.nodes = [...this.nodes.map((other) => (other.selected ? { ...other, selected: false } : other)), node];
    if (options.from) this.edges = [...this.edges, canvasEdge(options.from.nodeId, options.from.label, id)];
    return id;
  }

  /** Changes the trigger's type (a workflow has exactly one), keeping its edges. */
  setTriggerType(type: string, accountId: string | null, timezone: string): void {
    if (this.trigger?.data.type === type) return;
    this.checkpoint();
    this.nodes = this.nodes.map((node) => (node.id === TRIGGER_ID ? { ...node, data: { kind: 'trigger', type, params: defaultTriggerParams(type, accountId, timezone) } } : node));
  }

  /** Changes a node's params, name or retry; `key` groups keystrokes into one undo step. */
  updateData(id: string, patch: Partial<StepData>, key = `${id}:data`): void {
    this.checkpoint(key);
    this.nodes = this.nodes.map((node) => (node.id === id ? { ...node, data: { ...node.data, ...patch } } : node));
    // A switch whose case was renamed or removed no longer has that branch.
    const node = this.nodes.find((candidate) => candidate.id === id);
    if (node && patch.params) {
      const labels = new Set(branchHandles(node.data));
      this.edges = this.edges.filter((edge) => edge.source !== id || labels.has(edge.data?.label ?? 'next'));
    }
  }

  updateSettings(settings: Record<string, unknown>): void {
    this.checkpoint('settings');
    this.settings = settings;
  }

  /** Whether an edge may be drawn: not twice, not into the trigger, not closing a loop. */
  canConnect(source: string, label: string, target: string): boolean {
    if (target === TRIGGER_ID) return false;
    if (this.edges.some((edge) => edge.source === source && edge.target === target && edge.data?.label === label)) return false;
    return !wouldCycle(this.edges, source, target);
  }

  connect(source: string, label: string, target: string): CanvasEdge | null {
    if (!this.canConnect(source, label, target)) return null;
    this.checkpoint();
    const edge = canvasEdge(source, label, target);
    this.edges = [...this.edges, edge];
    return edge;
  }

  removeEdge(id: string): void {
    this.checkpoint();
    this.edges = this.edges.filter((edge) => edge.id !== id);
  }

  /** Deletes nodes (never the trigger) with their edges. */
  removeNodes(ids: readonly string[]): void {
    const doomed = new Set(ids.filter((id) => id !== TRIGGER_ID));
    if (doomed.size === 0) return;
    this.checkpoint();
    this.nodes = this.nodes.filter((node) => !doomed.has(node.id));
    this.edges = this.edges.filter((edge) => !doomed.has(edge.source) && !doomed.has(edge.target));
  }

  /** Selects one node (or none), as a click on it would; not an edit. */
  select(id: string | null): void {
    this.nodes = this.nodes.map((node) => (node.selected === (node.id === id) ? node : { ...node, selected: node.id === id }));
  }

  /** The branch a step added after `nodeId` should hang from: the first one with nothing on it yet. */
  openBranch(nodeId: string): string {
    const node = this.nodes.find((candidate) => candidate.id === nodeId);
    if (!node) return 'next';
    const labels = branchHandles(node.data).filter((label) => label !== 'error');
    return labels.find((label) => !this.edges.some((edge) => edge.source === nodeId && edge.data?.label === label)) ?? labels[0] ?? 'next';
  }

  selectAll(): void {
    this.nodes = this.nodes.map((node) => ({ ...node, selected: true }));
    this.edges = this.edges.map((edge) => ({ ...edge, selected: true }));
  }

  /** Copies the selected nodes (not the trigger) and the edges between them; false when nothing is selected. */
  copySelection(): boolean {
    const chosen = this.nodes.filter((node) => node.selected && node.id !== TRIGGER_ID);
    if (chosen.length === 0) return false;
    const ids = new Set(chosen.map((node) => node.id));
    clipboard = {
      nodes: chosen.map((node) => ({ id: node.id, position: node.position, data: structuredClone($state.snapshot(node.data)) as StepData })),
      edges: this.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)).map((edge) => ({ from: edge.source, label: edge.data?.label ?? 'next', to: edge.target })),
    };
    return true;
  }

  /** Pastes the clipboard beside the originals, with new ids, selected; the count pasted. */
  paste(): number {
    if (!clipboard) return 0;
    this.checkpoint();
    const taken = this.nodes.map((node) => node.id);
    const renamed = new Map<string, string>();
    const pasted: CanvasNode[] = clipboard.nodes.map((node) => {
      const id = newNodeId(node.data.type, [...taken, ...renamed.values()]);
      renamed.set(node.id, id);
      return { id, type: 'step', selected: true, position: { x: node.position.x + 40, y: node.position.y + 40 }, data: structuredClone(node.data) };
    });
    this.nodes = [...this.nodes.map((node) => ({ ...node, selected: false })), ...pasted];
    this.edges = [...this.edges, ...clipboard.edges.map((edge) => canvasEdge(renamed.get(edge.from)!, edge.label, renamed.get(edge.to)!))];
    return pasted.length;
  }

  autoLayout(): void {
    this.checkpoint();
    this.nodes = layoutCanvas(this.nodes, this.edges);
  }

  #freeSpot(): { x: number; y: number } {
    const right = Math.max(0, ...this.nodes.map((node) => node.position.x));
    const bottom = Math.max(0, ...this.nodes.map((node) => node.position.y));
    return this.nodes.length <= 1 ? { x: right + COLUMN_GAP, y: bottom } : { x: right, y: bottom + 160 };
  }

  #snapshot(): Snapshot {
    const strip = <T extends { selected?: boolean }>(item: T): T => ({ ...item, selected: false });
    return { nodes: this.nodes.map(strip), edges: this.edges.map(strip), settings: this.settings };
  }

  #restore(snapshot: Snapshot): void {
    this.nodes = snapshot.nodes;
    this.edges = snapshot.edges;
    this.settings = snapshot.settings;
  }
}
