//! Eigenvector centrality of the undirected view, as networkx: the principal eigenvector of the
//! adjacency matrix, non-negative, with unit Euclidean length (Bonacich, "Factoring and weighting
//! approaches to status scores and clique identification", J. Math. Sociology 2(1), 1972).
//!
//! Power iteration on A + I from the all-ones vector, as networkx's `eigenvector_centrality`
//! (the shift keeps bipartite graphs from oscillating): O(E) per step, parallel over nodes;
//! convergence is geometric with ratio (λ₂ + 1)/(λ₁ + 1). On a disconnected graph the component
//! with the largest eigenvalue takes all the weight, as with networkx. A graph without edges has
//! no principal direction: every value is 0.

use rayon::prelude::*;

use super::super::Graph;

/// When to stop iterating.
#[derive(Debug, Clone, PartialEq)]
pub struct EigenvectorOptions {
    /// Stop when the summed change of all values in one step is below `n × tolerance`.
    pub tolerance: f64,
    /// Stop after this many steps in any case.
    pub max_iterations: usize,
}

impl Default for EigenvectorOptions {
    fn default() -> Self {
        EigenvectorOptions {
            tolerance: 1e-14,
            max_iterations: 10_000,
        }
    }
}

/// Eigenvector centrality, and whether the iteration converged.
#[derive(Debug, Clone, PartialEq)]
pub struct Eigenvector {
    /// The values, unit length.
    pub values: Vec<f64>,
    /// Steps taken.
    pub iterations: usize,
    /// False when `max_iterations` ran out first.
    pub converged: bool,
}

/// Eigenvector centrality of every node of the undirected view.
pub fn eigenvector(graph: &Graph, options: &EigenvectorOptions) -> Eigenvector {
    let n = graph.node_count();
    if graph.edge_count() == 0 {
        return Eigenvector {
            values: vec![0.0; n],
            iterations: 0,
            converged: true,
        };
    }
    let mut x = vec![1.0 / (n as f64).sqrt(); n];
    let mut next = vec![0.0; n];
    for step in 1..=options.max_iterations {
        next.par_iter_mut().enumerate().for_each(|(v, out)| {
            *out = x[v]
                + graph
                    .neighbors(v)
                    .iter()
                    .map(|&u| x[u as usize])
                    .sum::<f64>();
        });
        let norm = next.iter().map(|y| y * y).sum::<f64>().sqrt();
        next.iter_mut().for_each(|y| *y /= norm);
        let change: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < n as f64 * options.tolerance {
            return Eigenvector {
                values: x,
                iterations: step,
                converged: true,
            };
        }
    }
    Eigenvector {
        values: x,
        iterations: options.max_iterations,
        converged: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star() {
        // Star with centre 0 and 4 leaves: λ = 2, centre 1/√2, each leaf 1/(2√2).
        let g = Graph::from_undirected_edges(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        let e = eigenvector(&g, &EigenvectorOptions::default());
        assert!(e.converged);
        assert!((e.values[0] - 0.5f64.sqrt()).abs() < 1e-9);
        assert!((e.values[1] - 1.0 / (2.0 * 2f64.sqrt())).abs() < 1e-9);
    }

    #[test]
    fn a_triangle_and_a_path() {
        // Triangle: all equal, 1/√3. Path 0-1-2: (1/2, 1/√2, 1/2).
        let t = Graph::from_undirected_edges(3, &[(0, 1), (1, 2), (0, 2)]);
        let e = eigenvector(&t, &EigenvectorOptions::default()).values;
        assert!(e.iter().all(|v| (v - 1.0 / 3f64.sqrt()).abs() < 1e-12));
        let p = Graph::from_undirected_edges(3, &[(0, 1), (1, 2)]);
        let e = eigenvector(&p, &EigenvectorOptions::default()).values;
        assert!((e[0] - 0.5).abs() < 1e-9 && (e[1] - 0.5f64.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn no_edges_no_centrality() {
        let g = Graph::from_undirected_edges(3, &[]);
        assert_eq!(
            eigenvector(&g, &EigenvectorOptions::default()).values,
            vec![0.0; 3]
        );
        assert!(
            eigenvector(&Graph::default(), &EigenvectorOptions::default())
                .values
                .is_empty()
        );
    }
}
