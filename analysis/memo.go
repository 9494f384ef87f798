package analysis

import (
	"context"
	"errors"
	"sync"
)

// memo keeps the parts of a study by key: each is computed once, by the
// first caller, while later callers for the same key wait for it. A
// computation that ends with its context's error is not kept: a waiter
// whose own context is still live then computes the part itself.
type memo[K comparable, V any] struct {
	mu    sync.Mutex
	cells map[K]*cell[V]
}

type cell[V any] struct {
	done    bool
	val     V
	err     error
	running chan struct{} // closed when the computation in progress ends
}

// get returns the part for key, computing it with compute when no caller
// has. computed reports whether this call did the computing.
func (m *memo[K, V]) get(ctx context.Context, key K, compute func(context.Context) (V, error)) (v V, computed bool, err error) {
	for {
		m.mu.Lock()
		if m.cells == nil {
			m.cells = map[K]*cell[V]{}
		}
		c := m.cells[key]
		if c == nil {
			c = &cell[V]{}
			m.cells[key] = c
		}
		if c.done {
			m.mu.Unlock()
			return c.val, false, c.err
		}
		if c.running == nil {
			if err := ctx.Err(); err != nil {
				m.mu.Unlock()
				return v, false, err
			}
			ch := make(chan struct{})
			c.running = ch
			m.mu.Unlock()
			v, err = compute(ctx)
			m.mu.Lock()
			c.running = nil
			if !isCancellation(err) {
				c.done, c.val, c.err = true, v, err
			}
			close(ch)
			m.mu.Unlock()
			return v, true, err
		}
		ch := c.running
		m.mu.Unlock()
		select {
		case <-ch: // kept, or cancelled: look again
		case <-ctx.Done():
			return v, false, ctx.Err()
		}
	}
}

// has reports whether the part for key is kept.
func (m *memo[K, V]) has(key K) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.cells[key]
	return c != nil && c.done
}

// isCancellation reports whether err is a context's ending, which says
// nothing about the part and must not be kept.
func isCancellation(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
