package forecast

// engineDraw returns the factors the engine's Monte Carlo applies in draw
// d, for the reference to run with. It is the one place the tests reach
// into the engine's Monte Carlo.
func engineDraw(u *Uncertainty, seed uint64, d int) refDraw {
	return refDraw(drawFrom(u, seed, d)) // the same fields: a conversion that stops compiling when one is added to either
}
