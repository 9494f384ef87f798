package forecast

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// TestMonteCarloContextStopsWhenCancelled cancels a 10,000-draw run at its
// first progress report: the run returns context.Canceled and the workers
// stop after the chunk they are in, far short of every draw.
func TestMonteCarloContextStopsWhenCancelled(t *testing.T) {
	r := uncertain(randomRegion(3))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const draws = 10_000
	last := 0
	dist, err := MonteCarloContext(ctx, []*Region{r}, nil, MCOptions{Draws: draws, Seed: 1, Workers: 2,
		Progress: func(done, total int) {
			if total != draws {
				t.Errorf("progress total %d, want %d", total, draws)
			}
			last = done
			cancel()
		}})
	if !errors.Is(err, context.Canceled) || dist != nil {
		t.Fatalf("got %v, %v; want no distribution and context.Canceled", dist, err)
	}
	// Each of the two workers finishes the chunk it is in: at most 2 x 50.
	if last == 0 || last > 100 {
		t.Errorf("%d draws ran after the cancel at the first report, want 1 to 100", last)
	}
}

// TestMonteCarloProgressCountsEveryDraw: the reports rise to the total,
// and a run with progress gives the same distribution as one without.
func TestMonteCarloProgressCountsEveryDraw(t *testing.T) {
	r := uncertain(randomRegion(4))
	opt := MCOptions{Draws: 230, Seed: 5, Detail: DetailBranches}
	want, err := MonteCarlo([]*Region{r, r}, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	prev, calls := 0, 0
	opt.Progress = func(done, total int) {
		calls++
		if done <= prev || total != 2*230 {
			t.Errorf("progress %d of %d after %d", done, total, prev)
		}
		prev = done
	}
	got, err := MonteCarloContext(context.Background(), []*Region{r, r}, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	if prev != 2*230 || calls != 2*5 { // 5 chunks of at most 50 draws per region
		t.Errorf("progress ended at %d after %d calls, want 460 after 10", prev, calls)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("progress changed the distribution")
	}
}

// TestMonteCarloProgressAtChunkEdges: a run of exactly one chunk (50
// draws) and one a draw short of it (49) report once per region, each
// report higher than the one before: ceil(49/50) = ceil(50/50) = 1 chunk,
// and no empty chunk after it (which would report the same done twice).
func TestMonteCarloProgressAtChunkEdges(t *testing.T) {
	r := uncertain(randomRegion(4))
	// 49 and 50 draws: one chunk a region, two calls; 51: two chunks a
	// region (50 draws and 1), four calls.
	for _, tc := range []struct{ draws, calls int }{{49, 2}, {50, 2}, {51, 4}} {
		draws, prev, calls := tc.draws, 0, 0
		opt := MCOptions{Draws: draws, Seed: 5, Workers: 1, Progress: func(done, total int) {
			calls++
			if done <= prev || total != 2*draws {
				t.Errorf("%d draws: progress %d of %d after %d", draws, done, total, prev)
			}
			prev = done
		}}
		if _, err := MonteCarlo([]*Region{r, r}, nil, opt); err != nil {
			t.Fatal(err)
		}
		if prev != 2*draws || calls != tc.calls {
			t.Errorf("%d draws: progress ended at %d after %d calls, want %d after %d", draws, prev, calls, 2*draws, tc.calls)
		}
	}
}
