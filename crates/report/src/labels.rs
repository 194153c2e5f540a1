//! Greedy label placement: each label tries a few spots around its node and takes the first one
//! that overlaps nothing already placed (nodes and earlier labels).

/// An axis-aligned box: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
}

impl Rect {
    /// The box around a circle.
    pub fn circle(x: f64, y: f64, r: f64) -> Rect {
        Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }

    fn overlap(&self, other: &Rect) -> f64 {
        let w = self.x1.min(other.x1) - self.x0.max(other.x0);
        let h = self.y1.min(other.y1) - self.y0.max(other.y0);
        if w > 0.0 && h > 0.0 {
            w * h
        } else {
            0.0
        }
    }

    fn inside(&self, frame: &Rect) -> bool {
        self.x0 >= frame.x0 && self.x1 <= frame.x1 && self.y0 >= frame.y0 && self.y1 <= frame.y1
    }
}

/// Where a placed label goes: the text's anchor point and alignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Anchor x.
    pub x: f64,
    /// Baseline-centre y (text drawn with `dominant-baseline="central"`).
    pub y: f64,
    /// `start`, `end` or `middle`.
    pub anchor: &'static str,
}

/// Places labels one by one against what is already on the page.
pub struct Placer {
    frame: Rect,
    taken: Vec<Rect>,
}

impl Placer {
    /// A placer for a page area, with the obstacles (such as nodes) already drawn.
    pub fn new(frame: Rect, obstacles: Vec<Rect>) -> Self {
        Placer {
            frame,
            taken: obstacles,
        }
    }

    /// Places a label of `width` x `height` beside a circle at (x, y) of radius `r`. With
    /// `force`, the least-overlapping spot is used when no spot is free; without, the label is
    /// left out (`None`).
    pub fn place(
        &mut self,
        x: f64,
        y: f64,
        r: f64,
        width: f64,
        height: f64,
        force: bool,
    ) -> Option<Placed> {
        let gap = 3.0;
        let own = Rect::circle(x, y, r);
        let candidates = [
            (x + r + gap, y, "start"),
            (x - r - gap, y, "end"),
            (x, y - r - gap - height / 2.0, "middle"),
            (x, y + r + gap + height / 2.0, "middle"),
            (x + r * 0.7 + gap, y - r * 0.7 - height / 2.0, "start"),
            (x - r * 0.7 - gap, y - r * 0.7 - height / 2.0, "end"),
            (x + r * 0.7 + gap, y + r * 0.7 + height / 2.0, "start"),
            (x - r * 0.7 - gap, y + r * 0.7 + height / 2.0, "end"),
        ];
        let mut best: Option<(f64, Placed, Rect)> = None;
        for (cx, cy, anchor) in candidates {
            let x0 = match anchor {
                "start" => cx,
                "end" => cx - width,
                _ => cx - width / 2.0,
            };
            let rect = Rect {
                x0,
                y0: cy - height / 2.0,
                x1: x0 + width,
                y1: cy + height / 2.0,
            };
            if !rect.inside(&self.frame) {
                continue;
            }
            let cost: f64 = self
                .taken
                .iter()
                .filter(|t| **t != own)
                .map(|t| rect.overlap(t))
                .sum();
            let placed = Placed {
                x: cx,
                y: cy,
                anchor,
            };
            if cost == 0.0 {
                best = Some((0.0, placed, rect));
                break;
            }
            if best.as_ref().is_none_or(|b| cost < b.0) {
                best = Some((cost, placed, rect));
            }
        }
        match best {
            Some((cost, placed, rect)) if cost == 0.0 || force => {
                self.taken.push(rect);
                Some(placed)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_label_moves_aside_or_is_dropped() {
        let frame = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 300.0,
            y1: 300.0,
        };
        let mut p = Placer::new(frame, vec![]);
        let a = p.place(100.0, 100.0, 5.0, 60.0, 12.0, false).unwrap();
        assert_eq!(a.anchor, "start");
        let b = p.place(100.0, 100.0, 5.0, 60.0, 12.0, false).unwrap();
        assert_ne!(a, b);
        let mut crowded = Placer::new(frame, vec![frame]);
        assert!(crowded
            .place(100.0, 100.0, 5.0, 60.0, 12.0, false)
            .is_none());
        assert!(crowded.place(100.0, 100.0, 5.0, 60.0, 12.0, true).is_some());
    }
}
