import { Graph, layout } from '@dagrejs/dagre';
import type { CanvasEdge, CanvasNode } from './workflow-graph.ts';

/** The size a node is laid out with before the browser has measured it. */
export const NODE_SIZE = { width: 240, height: 96 };

/**
 * Places the nodes left to right in layers along their edges (dagre's layered layout,
 * which also orders each layer to keep crossings few), trigger first. Measured sizes are
 * used when the canvas has them, so tall nodes do not overlap.
 *
 * @example
 * nodes = layoutCanvas(nodes, edges);
 */
export function layoutCanvas(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): CanvasNode[] {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 48, ranksep: 80, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const size = (node: CanvasNode) => ({ width: node.measured?.width ?? NODE_SIZE.width, height: node.measured?.height ?? NODE_SIZE.height });
  for (const node of nodes) graph.setNode(node.id, size(node));
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target, {}, edge.id);
  }
  layout(graph);
  return nodes.map((node) => {
    const placed = graph.node(node.id);
    const { width, height } = size(node);
    // dagre gives centres; the canvas positions nodes by their top-left corner.
    return placed ? { ...node, position: { x: Math.round(placed.x - width / 2), y: Math.round(placed.y - height / 2) } } : node;
  });
}
