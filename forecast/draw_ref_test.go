package forecast

// engineDraw returns the factors the engine's Monte Carlo applies in draw
// d, for the reference to run with. It is the one place the tests reach
// into the engine's Monte Carlo.
func engineDraw(u *Uncertainty, seed uint64, d int) refDraw {
	f := drawFrom(u, seed, d)
	return refDraw{dropout: f.dropout, sectorYield: f.sectorYield, outflow: f.outflow, partTime: f.partTime, growthAdd: f.growthAdd, popDev: f.popDev}
}
